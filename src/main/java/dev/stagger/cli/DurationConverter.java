package dev.stagger.cli;

import dev.stagger.model.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Flags take durations in the same syntax as stagger files: {@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h}. */
final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return Durations.parse(value).filter(d -> !d.isZero())
                .orElseThrow(() -> new TypeConversionException(
                        "`" + value + "` is not a duration: use e.g. 500ms, 2s, 5m or 1h"));
    }
}
