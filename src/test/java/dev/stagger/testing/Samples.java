package dev.stagger.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.opentest4j.TestAbortedException;

/**
 * Seeded samples for property tests on plain JUnit 5. A property is a {@link Property} method fed by
 * a {@code @MethodSource} of {@link #of}: {@code count} samples, sample {@code i} drawn from its own
 * {@link SplittableRandom} whose seed is mixed from the base seed, the property's name and {@code i}.
 * The same base seed gives the same samples on every machine (CI is deterministic); another one
 * explores: {@code mvn test -Dstagger.samples.seed=N}. Each sample is a test case named
 * {@code #i seed 0x…: preview}; a failing one says its index, its seed, the base seed and its whole
 * input. To replay one sample, rerun its test with the same base seed, or draw its generators from
 * {@code new SplittableRandom(sampleSeed)} in the same order.
 */
public final class Samples {
    /** The system property that replaces the base seed. */
    public static final String SEED_PROPERTY = "stagger.samples.seed";
    /** The base seed when none is given: fixed, so a CI run is the same run every time. */
    public static final long DEFAULT_SEED = 0x5eed_2026_1206L;
    private static final int PREVIEW = 48;

    private Samples() {
    }

    /** The base seed of this run: {@code -Dstagger.samples.seed=N} (decimal or 0x hex), else {@link #DEFAULT_SEED}. */
    public static long baseSeed() {
        String given = System.getProperty(SEED_PROPERTY);
        return given == null || given.isBlank() ? DEFAULT_SEED : Long.decode(given.trim());
    }

    /** The seed of sample {@code index} of the property named, under the base seed. */
    public static long sampleSeed(long base, String property, int index) {
        return mix(mix(base ^ mix(property.hashCode())) + 0x9E3779B97F4A7C15L * (index + 1L));
    }

    /**
     * {@code count} samples of the property named: each the values of {@code generators}, drawn in
     * order from the sample's own random, as the arguments of one test case (the first one named
     * {@code #index seed 0x…: preview}, which {@link Property} shows as the test's name).
     */
    public static Stream<Arguments> of(String property, int count, Gen<?>... generators) {
        long base = baseSeed();
        return IntStream.range(0, count).mapToObj(i -> {
            long seed = sampleSeed(base, property, i);
            SplittableRandom random = new SplittableRandom(seed);
            Object[] values = new Object[generators.length];
            for (int g = 0; g < generators.length; g++) {
                values[g] = generators[g].next(random);
            }
            String preview = Arrays.stream(values).map(Samples::show).reduce((a, b) -> a + ", " + b).orElse("");
            if (preview.length() > PREVIEW) {
                preview = preview.substring(0, PREVIEW) + "…";
            }
            Object[] arguments = values.clone();
            arguments[0] = Named.of(String.format("#%d seed 0x%016x: %s", i, seed, preview), values[0]);
            return Arguments.of(arguments);
        });
    }

    /** A value as Java source would write it: strings and bytes quoted, every character outside printable ASCII escaped. */
    public static String show(Object value) {
        if (value instanceof String s) {
            return quote(s);
        }
        if (value instanceof byte[] b) {
            return "bytes" + quote(new String(b, StandardCharsets.ISO_8859_1));
        }
        if (value instanceof List<?> l) {
            return l.stream().map(Samples::show).reduce((a, b) -> a + ", " + b).map(s -> "[" + s + "]").orElse("[]");
        }
        return String.valueOf(value);
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        out.append(c);
                    } else {
                        out.append(String.format("\\u%04x", (int) c));
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * A property: one test case per sample of its {@code @MethodSource} (a stream of {@link #of}),
     * named by the sample; a failure is reported with the sample's index, seeds and input.
     */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @ParameterizedTest(name = "{0}")
    @ExtendWith(Report.class)
    public @interface Property {
    }

    /** Puts the failing sample (name, base seed, each argument in full) in front of a property's failure. */
    public static final class Report implements InvocationInterceptor {
        @Override
        public void interceptTestTemplateMethod(Invocation<Void> invocation,
                                                ReflectiveInvocationContext<Method> invocationContext,
                                                ExtensionContext extensionContext) throws Throwable {
            try {
                invocation.proceed();
            } catch (TestAbortedException aborted) {
                throw aborted;
            } catch (Throwable failure) {
                long base = baseSeed();
                StringBuilder message = new StringBuilder("property ")
                        .append(invocationContext.getExecutable().getName()).append(" fails for sample ")
                        .append(extensionContext.getDisplayName()).append(" (base seed ").append(base)
                        .append(": rerun with -D").append(SEED_PROPERTY).append('=').append(base).append(")\n  input:");
                List<Object> arguments = invocationContext.getArguments();
                for (int a = 0; a < arguments.size(); a++) {
                    message.append("\n    ").append(a).append(": ").append(show(arguments.get(a)));
                }
                message.append("\n  failure: ").append(failure);
                throw new AssertionError(message.toString(), failure);
            }
        }
    }

    /** A generator: a value drawn from a random. */
    @FunctionalInterface
    public interface Gen<T> {
        T next(SplittableRandom random);

        default <U> Gen<U> map(Function<? super T, ? extends U> f) {
            return r -> f.apply(next(r));
        }

        /** Values that pass {@code keep}, drawn again until one does (at most 10,000 times). */
        default Gen<T> filter(Predicate<? super T> keep) {
            return r -> {
                for (int tries = 0; tries < 10_000; tries++) {
                    T value = next(r);
                    if (keep.test(value)) {
                        return value;
                    }
                }
                throw new IllegalStateException("a filter kept none of 10000 values");
            };
        }

        /** Lists of {@code min} to {@code max} values, each drawn independently. */
        default Gen<List<T>> list(int min, int max) {
            Gen<Integer> size = ints(min, max);
            return r -> {
                int n = size.next(r);
                List<T> values = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    values.add(next(r));
                }
                return List.copyOf(values);
            };
        }

        /** Runs of {@code min} to {@code max} of the pieces, joined. */
        static Gen<String> joined(List<String> pieces, int min, int max) {
            return of(pieces).list(min, max).map(l -> String.join("", l));
        }

        /** One of the values, each as likely. */
        static <T> Gen<T> of(List<T> values) {
            List<T> copy = List.copyOf(values);
            return r -> copy.get(r.nextInt(copy.size()));
        }

        static <T> Gen<T> just(T value) {
            return r -> value;
        }

        /**
         * Ints from {@code min} to {@code max}, both included; one in eight is an edge (the bounds, next
         * to them, or 0), where off-by-one faults live.
         */
        static Gen<Integer> ints(int min, int max) {
            return longs(min, max).map(Long::intValue);
        }

        /** Longs from {@code min} to {@code max}, both included, with edges like {@link #ints}. */
        static Gen<Long> longs(long min, long max) {
            if (min > max) {
                throw new IllegalArgumentException(min + " > " + max);
            }
            List<Long> edges = new ArrayList<>(List.of(min, max));
            if (min < max) {
                edges.add(min + 1);
                edges.add(max - 1);
            }
            if (min < 0 && max > 0) {
                edges.add(0L);
            }
            return r -> {
                if (r.nextInt(8) == 0) {
                    return edges.get(r.nextInt(edges.size()));
                }
                if (max < Long.MAX_VALUE) {
                    return r.nextLong(min, max + 1);
                }
                long value;
                do {
                    value = r.nextLong();
                } while (value < min);
                return value;
            };
        }

        /** Any long, with edges like {@link #ints}. */
        static Gen<Long> anyLong() {
            return longs(Long.MIN_VALUE, Long.MAX_VALUE);
        }
    }
}
