package dev.stagger.run;

import java.util.function.Consumer;

/** {@code --dry-run}: says which command would run, runs nothing. */
public final class DryRunHookRunner implements HookRunner {
    private final Consumer<String> say;

    public DryRunHookRunner(Consumer<String> say) {
        this.say = say;
    }

    @Override
    public void run(HookCall call, Listener listener) {
        say.accept("would run the " + call.phase().label() + " hook for " + call.target() + ": " + call.commandLine());
    }
}
