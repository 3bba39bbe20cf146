package dev.stagger.plan;

import dev.stagger.model.Instance;
import dev.stagger.model.Step;
import java.util.List;
import java.util.Set;

/**
 * One maintenance step of the input as the planner sees it.
 *
 * @param index    its position among the maintenance steps, in written order
 * @param down     instances it takes down that are up before it (initially-down ones excluded)
 * @param touched  every instance its targets name
 * @param dcs      data centres it adds to the set with instances down
 * @param preds    indexes of the maintenance steps it must follow (user {@code after}, through dropped failovers)
 * @param resources indexes into the resource table, with {@code weights} the capacity it uses of each
 * @param groups     the Redis groups it touches, with {@code groupDown} how many of each group's
 *                   instances it takes down and {@code masterDown} whether one is the declared master
 */
record Work(int index, Step step, Set<Instance> down, Set<Instance> touched, Set<String> dcs,
            int[] preds, int[] resources, int[] weights, int[] groups, int[] groupDown, boolean[] masterDown) {

    /** Whether it takes down the declared master of its {@code k}-th group. */
    boolean takesMasterDown(int k) {
        return masterDown[k];
    }

    boolean isStop() {
        return step.action() instanceof dev.stagger.model.StepAction.Stop;
    }

    boolean isStart() {
        return step.action() instanceof dev.stagger.model.StepAction.Start;
    }

    List<String> predIds(List<Work> all) {
        return java.util.Arrays.stream(preds).mapToObj(p -> all.get(p).step().id()).toList();
    }
}
