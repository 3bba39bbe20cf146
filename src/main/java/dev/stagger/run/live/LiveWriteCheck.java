package dev.stagger.run.live;

import dev.stagger.live.redis.Addresses;
import dev.stagger.live.ProbeSettings;
import dev.stagger.live.WriteCheckUrl;
import dev.stagger.model.AppService;
import dev.stagger.model.Instance;
import dev.stagger.model.Inventory;
import dev.stagger.model.WriteCheck;
import dev.stagger.run.CheckCommand;
import dev.stagger.run.Redactor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs an app instance's {@code write_check} against the live service: the URL through
 * {@link WriteCheckUrl} with the health probes' timeouts, a command through {@link CheckCommand},
 * ended after the budget of one probe (connect plus three reads). {@code {address}}, {@code {host}},
 * {@code {port}} and {@code {service}} are the instance's.
 */
final class LiveWriteCheck {
    private final Inventory inventory;
    private final Addresses addresses;
    private final WriteCheckUrl url;
    private final CheckCommand command;

    LiveWriteCheck(Inventory inventory, ProbeSettings settings) {
        this.inventory = inventory;
        this.addresses = new Addresses(inventory);
        this.url = new WriteCheckUrl(settings);
        Duration budget = settings.connectTimeout().plus(settings.readTimeout().multipliedBy(3));
        this.command = new CheckCommand(Redactor.forInventory(inventory, settings.env()), budget);
    }

    /** Empty when the instance proved it can write (or its app declares no write check). */
    Optional<String> whyCannotWrite(Instance i) {
        if (!(inventory.service(i.service()).orElse(null) instanceof AppService app) || app.writeCheck() == null) {
            return Optional.empty();
        }
        String address = addresses.addressOf(i.host());
        if (app.writeCheck() instanceof WriteCheck.Http h) {
            return url.whyFailed(h.url(), i.endpoint(), address);
        }
        return command.whyFailed(expand(((WriteCheck.Command) app.writeCheck()).argv(), i, address));
    }

    private static List<String> expand(List<String> argv, Instance i, String address) {
        List<String> out = new ArrayList<>(argv.size());
        for (String arg : argv) {
            out.add(arg.replace("{address}", address).replace("{host}", i.host())
                    .replace("{port}", Integer.toString(i.endpoint().port())).replace("{service}", i.service()));
        }
        return out;
    }
}
