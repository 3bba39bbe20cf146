package dev.stagger.bench;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import dev.stagger.load.PlanLoader;
import dev.stagger.model.LoadedPlan;
import dev.stagger.plan.PlanOptions;
import dev.stagger.plan.PlanResult;
import dev.stagger.plan.Planner;
import dev.stagger.report.PlanYamlWriter;
import java.io.OutputStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * The phases of {@code stagger plan PLAN} (load, plan, write to a null sink) in one cold JVM, as the
 * launcher runs them once: JIT warm-up, class loading and garbage collection are part of each figure,
 * which an in-process loop over sizes would hide. Run it with the launcher's flags:
 * {@code java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "target/stagger/lib/*:target/test-classes"
 * dev.stagger.bench.ColdPhases PLAN}. Prints each phase's wall time, the process's CPU (every
 * thread, JIT and GC included), GC time and the main thread's allocation (the inventory is read on
 * a second thread, whose allocation is not in that column).
 */
public final class ColdPhases {
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private ColdPhases() {
    }

    private record Mark(long wallNs, long cpuNs, long gcMs, long allocated) {
        static Mark now() {
            long gc = 0;
            for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
                gc += b.getCollectionTime();
            }
            return new Mark(System.nanoTime(), OS.getProcessCpuTime(), gc, THREADS.getCurrentThreadAllocatedBytes());
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: ColdPhases PLAN");
            System.exit(2);
        }
        Mark start = Mark.now();
        LoadedPlan loaded = PlanLoader.load(Path.of(args[0]), null);
        Mark loadedAt = Mark.now();
        PlanResult result = Planner.plan(loaded.plan(), loaded.inventory(), PlanOptions.DEFAULT);
        Mark plannedAt = Mark.now();
        // As the launcher writes a plan's YAML to stdout or an -o file: UTF-8 bytes to a stream.
        OutputStream out = OutputStream.nullOutputStream();
        PlanYamlWriter.write(result, "inventory.yaml", out);
        out.flush();
        Mark writtenAt = Mark.now();
        print("load", start, loadedAt);
        print("plan", loadedAt, plannedAt);
        print("write", plannedAt, writtenAt);
        System.out.printf("total  %5d ms since the JVM started; %s%n", ManagementFactory.getRuntimeMXBean().getUptime(),
                result.summary());
    }

    private static void print(String phase, Mark from, Mark to) {
        System.out.printf("%-6s %5d ms wall  %5d ms cpu  %4d ms gc  %5d MB main-thread alloc%n", phase,
                (to.wallNs - from.wallNs) / 1_000_000, (to.cpuNs - from.cpuNs) / 1_000_000, to.gcMs - from.gcMs,
                (to.allocated - from.allocated) >> 20);
    }
}
