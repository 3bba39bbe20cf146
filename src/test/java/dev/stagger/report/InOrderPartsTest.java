package dev.stagger.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Parts formatted on two threads reach the output in order, and a failure on either thread as on one. */
class InOrderPartsTest {

    @Test
    void partsAreHandedOverInOrderWhateverThreadFormattedThem() throws IOException {
        for (int parts : new int[] {0, 1, 2, 3, 50, 400}) {
            List<Integer> handed = new ArrayList<>();
            InOrderParts.write(parts, k -> {
                // Uneven parts, so that the two threads overtake each other.
                if (k % 7 == 3) {
                    sleep(1);
                }
                return k;
            }, handed::add, "test-parts");
            List<Integer> expected = new ArrayList<>();
            for (int k = 0; k < parts; k++) {
                expected.add(k);
            }
            assertThat(handed).as("%d parts", parts).isEqualTo(expected);
        }
    }

    @Test
    void bothThreadsFormatPartsAndEachPartOnce() throws IOException {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        AtomicInteger formatted = new AtomicInteger();
        InOrderParts.write(200, k -> {
            threads.add(Thread.currentThread());
            formatted.incrementAndGet();
            sleep(1);
            return k;
        }, k -> { }, "test-parts");
        assertThat(formatted).hasValue(200);
        assertThat(threads).hasSize(2);
    }

    /**
     * Part 1 fails on the helper while the calling thread formats part 0: part 0 is handed over, then
     * the helper's exception itself is thrown, and part 2 never reaches the output.
     */
    @Test
    void aFailureOnTheHelperIsThrownAfterThePartsBeforeIt() {
        Thread caller = Thread.currentThread();
        int helperFailed = 0;
        for (int attempt = 0; attempt < 20 && helperFailed < 3; attempt++) {
            CountDownLatch partOneDone = new CountDownLatch(1);
            IllegalStateException failure = new IllegalStateException("part 1");
            Thread[] failedOn = new Thread[1];
            List<Integer> handed = Collections.synchronizedList(new ArrayList<>());
            assertThatThrownBy(() -> InOrderParts.write(3, k -> {
                if (k == 0 && Thread.currentThread() == caller) {
                    // Holds the calling thread here until the helper has failed part 1.
                    await(partOneDone);
                }
                if (k == 1) {
                    failedOn[0] = Thread.currentThread();
                    partOneDone.countDown();
                    throw failure;
                }
                return k;
            }, handed::add, "test-parts")).isSameAs(failure);
            assertThat(handed).isEqualTo(List.of(0));
            if (failedOn[0] != caller) {
                helperFailed++;
            }
        }
        assertThat(helperFailed).as("runs where the helper formatted the failing part").isGreaterThan(0);
    }

    @Test
    void anErrorOnEitherThreadIsThrownAsItself() {
        StackOverflowError error = new StackOverflowError("deep");
        assertThatThrownBy(() -> InOrderParts.write(100, k -> {
            if (k == 60) {
                throw error;
            }
            return k;
        }, k -> { }, "test-parts")).isSameAs(error);
    }

    @Test
    void aFailingOutputStopsTheFormatting() throws InterruptedException {
        AtomicInteger formatted = new AtomicInteger();
        IOException full = new IOException("disk full");
        assertThatThrownBy(() -> InOrderParts.write(1000, k -> {
            formatted.incrementAndGet();
            sleep(1);
            return k;
        }, k -> {
            throw full;
        }, "test-parts-output-fails")).isSameAs(full);
        // The helper finishes the part it is in, if any, and starts no other: it ends long before 1000 parts.
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("test-parts-output-fails")) {
                t.join(10_000);
                assertThat(t.isAlive()).isFalse();
            }
        }
        assertThat(formatted.get()).isLessThan(100);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
