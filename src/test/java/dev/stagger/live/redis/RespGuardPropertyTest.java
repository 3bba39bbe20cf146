package dev.stagger.live.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import dev.stagger.testing.Samples;
import dev.stagger.testing.Samples.Gen;
import dev.stagger.testing.Samples.Property;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a port that is not Redis may send: the guard either lets Redis replies through byte for byte,
 * or stops with {@link RespGuard.NotRedis} naming what was wrong, before the client allocates what the
 * headers announce. Never another exception.
 */
class RespGuardPropertyTest {
    private static final List<String> TOKENS = List.of(
            "+OK\r\n", "-ERR no\r\n", ":1\r\n", "$3\r\nabc\r\n", "$-1\r\n", "*2\r\n", "*-1\r\n", "*0\r\n", "%1\r\n",
            "~2\r\n", "_\r\n", "#t\r\n", ",1.5\r\n", "(123\r\n", "=7\r\ntxt:abc\r\n", ">2\r\n", "|1\r\n",
            "*2147483000\r\n", "$2147483000\r\n", "%2147483000\r\n", "*1000000\r\n", "*999999\r\n", "$16777217\r\n",
            "$-5\r\n", "*-7\r\n", "$abc\r\n", "*9223372036854775807\r\n", "*99999999999999999999\r\n", "%-1\r\n",
            "\r\n", "\n", "HTTP/1.1 200 OK\r\n", "\u0000", "\u00ff", "\u0080\u009b", "x".repeat(1500), "$" + "9".repeat(1100));

    static Stream<Arguments> hostileStreams() {
        return Samples.of("hostileStreams", 300,
                Gen.joined(TOKENS, 1, 30).map(s -> s.getBytes(StandardCharsets.ISO_8859_1)), Gen.ints(1, 64));
    }

    static Stream<Arguments> replySeeds() {
        return Samples.of("replySeeds", 200, Gen.anyLong(), Gen.ints(1, 64));
    }

    @Property
    @MethodSource("hostileStreams")
    void anyStreamIsReadThroughOrRefusedAsNotRedis(byte[] stream, int chunk) {
        try {
            assertThat(readAll(new RespGuard(new ByteArrayInputStream(stream)), chunk)).isEqualTo(stream);
        } catch (RespGuard.NotRedis e) {
            assertThat(e.getMessage()).containsPattern("^(a|the) reply ").doesNotContain("Exception");
        } catch (IOException e) {
            throw new AssertionError("only NotRedis may stop the guard", e);
        }
    }

    @Property
    @MethodSource("replySeeds")
    void redisRepliesPassUnchangedOneAfterAnother(long seed, int chunk) throws IOException {
        Random random = new Random(seed);
        ByteArrayOutputStream replies = new ByteArrayOutputStream();
        for (int i = 0; i < 1 + random.nextInt(5); i++) {
            reply(random, 0, replies);
        }
        byte[] bytes = replies.toByteArray();
        assertThat(readAll(new RespGuard(new ByteArrayInputStream(bytes)), chunk)).isEqualTo(bytes);
    }

    /** One random, well-formed reply (RESP2 and RESP3 types), nested at most four levels. */
    private static void reply(Random r, int depth, ByteArrayOutputStream out) {
        int kind = r.nextInt(depth >= 4 ? 6 : 10);
        switch (kind) {
            case 0 -> write(out, "+OK\r\n");
            case 1 -> write(out, "-ERR " + r.nextInt() + "\r\n");
            case 2 -> write(out, ":" + r.nextLong() + "\r\n");
            case 3 -> {
                byte[] payload = new byte[r.nextInt(40)];
                r.nextBytes(payload); // any bytes, CRLF included: the length says where the string ends
                write(out, "$" + payload.length + "\r\n");
                out.writeBytes(payload);
                write(out, "\r\n");
            }
            case 4 -> write(out, r.nextBoolean() ? "$-1\r\n" : "_\r\n");
            case 5 -> write(out, r.nextBoolean() ? "#f\r\n" : ",3.25\r\n");
            case 6, 7 -> {
                int n = r.nextInt(6);
                write(out, (r.nextBoolean() ? "*" : "~") + n + "\r\n");
                for (int i = 0; i < n; i++) {
                    reply(r, depth + 1, out);
                }
            }
            case 8 -> {
                int n = r.nextInt(4);
                write(out, "%" + n + "\r\n");
                for (int i = 0; i < 2 * n; i++) {
                    reply(r, depth + 1, out);
                }
            }
            default -> {
                // An attribute map, then the reply it describes.
                write(out, "|1\r\n+key\r\n:1\r\n");
                reply(r, depth + 1, out);
            }
        }
    }

    @Test
    void nestedHugeHeadersAreCappedInAll() {
        // Each header alone is within the cap; the client would size a list of a million for each.
        byte[] nested = "*1000000\r\n".repeat(40).getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> readAll(new RespGuard(new ByteArrayInputStream(nested)), 4096))
                .isInstanceOf(RespGuard.NotRedis.class).hasMessage("a reply announces more than 1000000 elements in all");
    }

    @Test
    void theCapCountsOneReplyAtATime() throws IOException {
        // Two replies of 600,000 elements each: each within the cap, the pair is not one reply.
        StringBuilder one = new StringBuilder("*600000\r\n");
        one.append(":1\r\n".repeat(600_000));
        byte[] two = (one.toString() + one).getBytes(StandardCharsets.US_ASCII);
        assertThat(readAll(new RespGuard(new ByteArrayInputStream(two)), 8192)).hasSize(two.length);
    }

    @Test
    void deepNestingIsNotRedis() {
        byte[] deep = "*1\r\n".repeat(RespGuard.MAX_DEPTH + 1).getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> readAll(new RespGuard(new ByteArrayInputStream(deep)), 4096))
                .isInstanceOf(RespGuard.NotRedis.class).hasMessageContaining("nests deeper than");
    }

    private static byte[] readAll(InputStream in, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[chunk];
        int n;
        while ((n = chunk == 1 ? single(in, buf) : in.read(buf, 0, chunk)) >= 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static int single(InputStream in, byte[] buf) throws IOException {
        int b = in.read();
        if (b < 0) {
            return -1;
        }
        buf[0] = (byte) b;
        return 1;
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
