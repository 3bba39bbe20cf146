package dev.stagger.run;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Catches Ctrl-C (SIGINT) and SIGTERM for the duration of a run, instead of the JVM's default of
 * shutting down. Java has no public API for this: {@code sun.misc.Signal} (module jdk.unsupported)
 * is, and it is reached by reflection so that the build stays free of internal-API warnings. The
 * handler runs on a thread of its own per signal, so it may block. Closing restores the JVM's handlers.
 */
final class StopSignals implements AutoCloseable {
    private static final List<String> SIGNALS = List.of("INT", "TERM");

    private final List<Object[]> previous = new ArrayList<>();
    private final List<String> ignoredAtStart = new ArrayList<>();
    private final String unavailable;

    private StopSignals(String unavailable) {
        this.unavailable = unavailable;
    }

    /** @param onSignal receives {@code INT} or {@code TERM} */
    static StopSignals install(Consumer<String> onSignal) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Constructor<?> newSignal = signalClass.getConstructor(String.class);
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            Method getName = signalClass.getMethod("getName");
            Object handler = Proxy.newProxyInstance(StopSignals.class.getClassLoader(), new Class<?>[] {handlerClass},
                    (proxy, method, args) -> {
                        if (method.getName().equals("handle")) {
                            onSignal.accept((String) getName.invoke(args[0]));
                            return null;
                        }
                        return switch (method.getName()) {
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> "stagger stop handler";
                        };
                    });
            StopSignals installed = new StopSignals(null);
            Object ignored = handlerClass.getField("SIG_IGN").get(null);
            for (String name : SIGNALS) {
                Object signal = newSignal.newInstance(name);
                Object old = handle.invoke(null, signal, handler);
                installed.previous.add(new Object[] {handle, signal, old});
                if (old == ignored) {
                    // Started with the signal ignored (a shell's background job, nohup): the JVM keeps it
                    // ignored, so it never reaches us; the operator must know which signal still works.
                    installed.ignoredAtStart.add(name);
                }
            }
            return installed;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : e;
            return new StopSignals(String.valueOf(cause));
        }
    }

    /** The signals this process was started with ignored ({@code INT} under nohup or as a background job). */
    List<String> ignoredAtStart() {
        return ignoredAtStart;
    }

    /** Why Ctrl-C cannot be caught here (e.g. the JVM runs with -Xrs), or null when it is. */
    String unavailable() {
        return unavailable;
    }

    @Override
    public void close() {
        for (Object[] p : previous) {
            try {
                ((Method) p[0]).invoke(null, p[1], p[2]);
            } catch (ReflectiveOperationException | RuntimeException ignored) {
                // The run is over; the JVM's own handler matters only for what little follows.
            }
        }
    }
}
