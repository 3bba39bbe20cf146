package dev.stagger.load;

import dev.stagger.model.Endpoint;
import dev.stagger.model.Hooks;
import dev.stagger.model.Inventory;
import dev.stagger.model.RedisClusterService;
import dev.stagger.model.RedisService;
import dev.stagger.model.Service;
import dev.stagger.model.StepAction;
import dev.stagger.model.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** One entry of a plan's {@code steps}: its single action, its targets, hooks and timing. */
final class StepReader {
    static final List<String> ACTIONS = List.of("maintain", "rolling", "stop", "start", "failover");
    private static final List<String> KEYS = List.of("id", "maintain", "rolling", "stop", "start", "failover",
            "to", "shard", "after", "do", "down", "up", "min_ready", "ready_timeout", "hook_timeout", "note");
    /** Compiled once: a fleet's plan has a step per host. */
    private static final java.util.regex.Pattern NO_SPACES = java.util.regex.Pattern.compile("\\S+");
    private static final List<String> HOOK_PLACEHOLDERS = List.of("host", "address", "port", "service");

    private final Inventory inventory;
    private final Diagnostics d;
    private final TargetResolver targets;

    StepReader(Inventory inventory, Diagnostics d) {
        this.inventory = inventory;
        this.d = d;
        this.targets = new TargetResolver(inventory, d);
    }

    /** @param index the step's 1-based place in the file, for its default id {@code step-N} */
    StepDraft read(Node node, int index) {
        String fallbackId = "step-" + index;
        Optional<YamlMap> fields = YamlMap.of(node, d, "a step such as `- maintain: [app1]`");
        if (fields.isEmpty()) {
            return new StepDraft(fallbackId, d.at(node), null, false, List.of(), Hooks.NONE, null, null, null, null);
        }
        YamlMap m = fields.get();
        m.allowOnly(KEYS, d);
        String id = m.get("id").flatMap(this::id).orElse(fallbackId);
        List<String> actions = ACTIONS.stream().filter(m::has).toList();
        String keyword = null;
        if (actions.isEmpty()) {
            // A misspelt action (`maintian`) is already reported with its correction; say it once.
            boolean misspelt = m.keys().stream().anyMatch(k -> !KEYS.contains(k) && Suggest.closest(k, ACTIONS).isPresent());
            if (!misspelt) {
                d.error(node, "step " + id + " needs one action: " + String.join(", ", ACTIONS));
            }
        } else if (actions.size() > 1) {
            d.error(m.keyNode(actions.get(1)), "step " + id + " has " + both(actions)
                    + ": a step does exactly one thing; split it into " + actions.size() + " steps");
        } else {
            keyword = actions.get(0);
        }
        StepAction action = keyword == null ? null : action(keyword, m);
        checkKeysFit(keyword, m);
        List<Values.Named> after = m.get("after")
                .map(n -> Values.texts(Values.oneOrMany(n, d, "a list of step ids").orElse(List.of()), d, "a step id"))
                .orElse(List.of());
        Hooks hooks = new Hooks(hook(m, "down"), hook(m, "do"), hook(m, "up"));
        Duration minReady = m.get("min_ready").flatMap(n -> Values.duration(n, d, "min_ready")).orElse(null);
        Duration readyTimeout = m.get("ready_timeout").flatMap(n -> Values.duration(n, d, "ready_timeout")).orElse(null);
        Duration hookTimeout = m.get("hook_timeout").flatMap(n -> Values.duration(n, d, "hook_timeout")).orElse(null);
        if (minReady != null || readyTimeout != null) {
            ReadyWindow.check(minReady != null ? minReady : inventory.defaults().minReady(),
                    readyTimeout != null ? readyTimeout : inventory.defaults().readyTimeout(),
                    m.get("ready_timeout").or(() -> m.get("min_ready")).orElse(node), "step " + id, d);
        }
        if (action != null) {
            HookPlaceholders.check(id, action, m, inventory, d);
        }
        String note = m.get("note").flatMap(n -> Values.text(n, d, "a note")).orElse(null);
        return new StepDraft(id, d.at(node), action, "rolling".equals(keyword), after, hooks, minReady, readyTimeout,
                note, hookTimeout);
    }

    private Optional<String> id(Node node) {
        Optional<String> id = Values.text(node, d, "a step id");
        if (id.isPresent() && !Names.checkPlainText("step id", id.get(), node, d)) {
            return Optional.empty();
        }
        if (id.isPresent() && !NO_SPACES.matcher(id.get()).matches()) {
            d.error(node, "step id `" + id.get() + "` may not contain spaces");
            return Optional.empty();
        }
        return id;
    }

    private static String both(List<String> actions) {
        List<String> quoted = actions.stream().map(a -> "`" + a + "`").toList();
        return String.join(", ", quoted.subList(0, quoted.size() - 1)) + " and " + quoted.get(quoted.size() - 1);
    }

    private StepAction action(String keyword, YamlMap m) {
        Node value = m.get(keyword).orElseThrow();
        if (keyword.equals("failover")) {
            return failover(value, m).orElse(null);
        }
        Optional<List<Target>> t = targets.resolve(value, keyword);
        if (t.isEmpty()) {
            return null;
        }
        return switch (keyword) {
            case "stop" -> new StepAction.Stop(t.get());
            case "start" -> new StepAction.Start(t.get());
            default -> new StepAction.Maintain(t.get()); // maintain, and rolling before expansion
        };
    }

    /** Keys that exist but do not fit this action are reported with the reason, not as unknown. */
    private void checkKeysFit(String keyword, YamlMap m) {
        if (keyword == null) {
            return;
        }
        boolean failover = keyword.equals("failover");
        for (String key : List.of("to", "shard")) {
            if (!failover && m.has(key)) {
                d.error(m.keyNode(key), "`" + key + "` only applies to a failover step");
            }
        }
        for (String key : List.of("do", "down", "up", "min_ready", "ready_timeout", "hook_timeout")) {
            if (failover && m.has(key)) {
                d.error(m.keyNode(key), "`" + key + "` does not apply to a failover step: stagger runs the failover itself");
            }
        }
        if (keyword.equals("stop") && m.has("up")) {
            d.error(m.keyNode("up"), "`up` does not apply to a stop step, which leaves its targets down (use maintain)");
        }
        if (keyword.equals("start") && m.has("down")) {
            d.error(m.keyNode("down"), "`down` does not apply to a start step, which only brings its targets up");
        }
    }

    private Optional<StepAction> failover(Node value, YamlMap m) {
        Optional<String> name = Values.text(value, d, "the redis or redis-cluster service to fail over");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        // The redis service names are for messages only: built per failover they cost a fleet's
        // thousands of failovers times its thousands of services.
        Supplier<List<String>> redisNames = () -> inventory.services().values().stream()
                .filter(StepReader::isRedis).map(Service::name).toList();
        Optional<Service> service = inventory.service(name.get());
        if (service.isEmpty()) {
            d.error(value, Suggest.unknown("redis service", name.get(), redisNames.get()));
            return Optional.empty();
        }
        if (!isRedis(service.get())) {
            List<String> redis = redisNames.get();
            d.error(value, "`" + name.get() + "` is " + Suggest.article(service.get().kind()) + " service: failover needs a redis or redis-cluster service"
                    + (redis.isEmpty() ? "" : " (" + Suggest.list(redis) + ")"));
            return Optional.empty();
        }
        Service s = service.get();
        int before = d.count();
        Endpoint to = m.get("to").flatMap(n -> instanceOf(s, n, "to")).orElse(null);
        Endpoint shard = null;
        if (s instanceof RedisClusterService cluster) {
            Optional<Node> shardNode = m.require("shard", d, "a failover of redis-cluster service " + s.name()
                    + " needs `shard: HOST:PORT` naming the shard's current master");
            shard = shardNode.flatMap(n -> instanceOf(s, n, "shard")).orElse(null);
            if (to != null && shard != null && !sameShard(cluster, to, shard)) {
                d.error(m.get("to").orElseThrow(), "`to` " + to + " is not in the shard of " + shard
                        + " (" + shardOf(cluster, shard) + ")");
            }
        } else if (m.has("shard")) {
            d.error(m.keyNode("shard"), "`shard` only applies to a redis-cluster failover; " + s.name()
                    + " is a redis group");
        }
        if (d.count() != before) {
            return Optional.empty();
        }
        return Optional.of(new StepAction.Failover(s.name(), to, shard));
    }

    private static boolean isRedis(Service s) {
        return s instanceof RedisService || s instanceof RedisClusterService;
    }

    private Optional<Endpoint> instanceOf(Service s, Node node, String key) {
        Optional<String> text = Values.text(node, d, "an instance of " + s.name() + " as host:port");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<Endpoint> e = s.instances().stream().filter(i -> i.toString().equals(text.get())).findFirst();
        if (e.isEmpty()) {
            d.error(node, () -> {
                List<String> names = s.instances().stream().map(Endpoint::toString).toList();
                return "`" + key + "` must be an instance of " + s.name() + ": `" + text.get() + "` is not"
                        + Suggest.closest(text.get(), names).map(n -> "; did you mean `" + n + "`?")
                                .orElse(" (instances: " + Suggest.list(names) + ")");
            });
        }
        return e;
    }

    private static boolean sameShard(RedisClusterService cluster, Endpoint a, Endpoint b) {
        return cluster.shards().stream().anyMatch(sh -> sh.contains(a) && sh.contains(b));
    }

    private static String shardOf(RedisClusterService cluster, Endpoint e) {
        return cluster.shards().stream().filter(sh -> sh.contains(e)).findFirst()
                .map(sh -> sh.stream().map(Endpoint::toString).collect(Collectors.joining(", "))).orElse("no shard");
    }

    /** An argument list; a single string is refused because no shell would split it. */
    private List<String> hook(YamlMap m, String key) {
        Optional<Node> node = m.get(key);
        if (node.isEmpty() || Values.isNull(node.get())) {
            return List.of();
        }
        if (node.get() instanceof ScalarNode s) {
            String suggestion = java.util.Arrays.stream(s.getValue().trim().split("\\s+"))
                    .map(w -> "\"" + w.replace("\"", "\\\"") + "\"").collect(Collectors.joining(", "));
            d.error(node.get(), "`" + key + "` must be a list of arguments, since no shell is involved: write ["
                    + (suggestion.length() > 60 ? suggestion.substring(0, 57) + "..." : suggestion) + "]");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Values.Named arg : Values.texts(Values.list(node.get(), d, "a list of arguments").orElse(List.of()),
                d, "an argument (a string)")) {
            Placeholders.check(arg.name(), HOOK_PLACEHOLDERS, key, arg.node(), d);
            out.add(arg.name());
        }
        return List.copyOf(out);
    }
}
