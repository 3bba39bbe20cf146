package dev.stagger.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class BesideTest {
    @Test
    void work_on_a_second_thread_runs_there_beside_the_callers_own() throws InterruptedException {
        CountDownLatch begun = new CountDownLatch(1);
        CountDownLatch callerWorked = new CountDownLatch(1);
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        Beside<String> b = Beside.start(true, "beside-test", () -> {
            ranOn.set(Thread.currentThread());
            begun.countDown();
            callerWorked.await(); // holds until the caller has done its part: they overlap
            return "done";
        });
        assertThat(begun.await(30, java.util.concurrent.TimeUnit.SECONDS)).as("the work begun on its thread").isTrue();
        callerWorked.countDown();
        assertThat(b.get()).isEqualTo("done");
        assertThat(ranOn.get()).isNotSameAs(Thread.currentThread());
        assertThat(ranOn.get().getName()).isEqualTo("beside-test");
    }

    @Test
    void small_work_runs_on_the_callers_thread_when_asked_for() {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        Beside<Integer> b = Beside.start(false, "unused", () -> {
            ranOn.set(Thread.currentThread());
            return 42;
        });
        assertThat(ranOn.get()).as("nothing runs before get").isNull();
        assertThat(b.get()).isEqualTo(42);
        assertThat(ranOn.get()).isSameAs(Thread.currentThread());
    }

    @Test
    void what_the_work_threw_is_thrown_by_get_as_it_was() {
        IllegalArgumentException thrown = new IllegalArgumentException("bad input");
        for (boolean concurrently : new boolean[] {true, false}) {
            Beside<Object> b = Beside.start(concurrently, "beside-test", () -> {
                throw thrown;
            });
            assertThatThrownBy(b::get).isSameAs(thrown);
        }
        StackOverflowError error = new StackOverflowError();
        assertThatThrownBy(Beside.start(true, "beside-test", () -> {
            throw error;
        })::get).isSameAs(error);
    }

    @Test
    void an_interrupt_while_waiting_is_kept_for_the_caller_not_lost() throws InterruptedException {
        CountDownLatch begun = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Beside<String> b = Beside.start(true, "beside-test", () -> {
            begun.countDown();
            release.await();
            return "late";
        });
        assertThat(begun.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        Thread.currentThread().interrupt();
        new Thread(release::countDown).start();
        try {
            assertThat(b.get()).isEqualTo("late");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void dropped_work_is_not_waited_for_and_its_thread_does_not_keep_the_jvm_alive() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread[] worker = new Thread[1];
        java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
        Beside<String> b = Beside.start(true, "stagger-plan-test", () -> {
            worker[0] = Thread.currentThread();
            started.countDown();
            release.await(10, java.util.concurrent.TimeUnit.SECONDS);
            finished.set(true);
            return "unused";
        });
        assertThat(started.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        b.drop();
        // drop returned while the work still waits: it did not wait for it.
        assertThat(finished).isFalse();
        assertThat(worker[0].isDaemon()).isTrue();
        release.countDown();
        worker[0].join(10_000);
        assertThat(worker[0].isAlive()).isFalse();
    }

    @Test
    void work_done_on_the_callers_thread_does_not_see_the_callers_interrupt_and_the_caller_keeps_it() {
        Beside<Boolean> b = Beside.start(false, "unused", () -> Thread.currentThread().isInterrupted());
        Thread.currentThread().interrupt();
        try {
            assertThat(b.get()).as("the work saw an interrupt").isFalse();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void dropped_work_not_yet_begun_never_begins() {
        java.util.concurrent.atomic.AtomicBoolean ran = new java.util.concurrent.atomic.AtomicBoolean();
        Beside<String> b = Beside.start(false, "unused", () -> {
            ran.set(true);
            return "unused";
        });
        b.drop();
        assertThatThrownBy(b::get).isInstanceOf(java.util.concurrent.CancellationException.class);
        assertThat(ran).isFalse();
    }
}
