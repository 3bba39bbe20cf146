package dev.stagger.cli;

import dev.stagger.model.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Flags take durations in the same syntax as stagger files: {@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h}. */
final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        String problem = Durations.problem(value);
        if (problem == null && Durations.parse(value).orElseThrow().isZero()) {
            problem = "zero";
        }
        if (problem != null) {
            throw new TypeConversionException("`" + value + "` is " + problem + ": use e.g. 500ms, 2s, 5m, 1h or 1h30m");
        }
        return Durations.parse(value).orElseThrow();
    }
}
