package dev.stagger.cli;

import dev.stagger.discover.DcMap;
import dev.stagger.discover.InventoryWriter;
import dev.stagger.discover.NetAddress;
import dev.stagger.discover.Topology;
import dev.stagger.live.discover.LiveDiscovery;
import dev.stagger.model.Auth;
import dev.stagger.model.ExitCode;
import dev.stagger.model.StaggerException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "discover",
        header = "Write an inventory from a live Sentinel or Redis Cluster topology.", mixinStandardHelpOptions = true,
        description = {
            "Read the live topology from sentinels and/or a Redis Cluster node and write an inventory:",
            "hosts from addresses, services, masters, sentinels with their quorum, shards.",
            "Data centres come from --dc-map; hosts it does not match get `dc: TODO-set-dc`."})
final class DiscoverCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--sentinel", paramLabel = "HOST:PORT", description = "A sentinel to ask (repeatable).")
    List<String> sentinels = new ArrayList<>();

    @Option(names = "--cluster", paramLabel = "HOST:PORT", description = "A Redis Cluster node to ask.")
    String cluster;

    @Option(names = "--dc-map", paramLabel = "FILE",
            description = "YAML map of address or host-name glob to dc, e.g. \"10.0.1.*\": dc1; first match wins.")
    Path dcMap;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.yaml", description = "Write here instead of stdout.")
    Path output;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "discovered",
            description = "The inventory's `cluster:` name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--auth-env", paramLabel = "VAR",
            description = "Redis password from this env var: used to connect, written as password_env.")
    String authEnv;

    @Option(names = "--auth-file", paramLabel = "FILE",
            description = "Redis password from this file: used to connect, written as password_file.")
    Path authFile;

    @Option(names = "--auth-user", paramLabel = "USER", description = "ACL user for --auth-env/--auth-file.")
    String authUser;

    @Option(names = "--sentinel-auth-env", paramLabel = "VAR", description = "Sentinel password from this env var.")
    String sentinelAuthEnv;

    @Option(names = "--sentinel-auth-file", paramLabel = "FILE", description = "Sentinel password from this file.")
    Path sentinelAuthFile;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2s", converter = DurationConverter.class,
            description = "Connect and read timeout per node (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws IOException {
        if (sentinels.isEmpty() && cluster == null) {
            throw new StaggerException(ExitCode.BAD_INPUT, "discover needs --sentinel HOST:PORT and/or --cluster HOST:PORT");
        }
        List<NetAddress> sentinelSeeds = sentinels.stream().map(s -> NetAddress.parse(s, "--sentinel")).toList();
        NetAddress clusterSeed = cluster == null ? null : NetAddress.parse(cluster, "--cluster");
        DcMap dcs = dcMap == null ? DcMap.EMPTY : DcMap.load(dcMap);
        Auth redisAuth = auth(authEnv, authFile, "--auth");
        if (authUser != null && redisAuth.hasPassword()) {
            redisAuth = new Auth(authUser, redisAuth.passwordEnv(), redisAuth.passwordFile(), false);
        }
        Auth sentinelAuth = auth(sentinelAuthEnv, sentinelAuthFile, "--sentinel-auth");

        Topology topology = new LiveDiscovery(redisAuth, sentinelAuth, timeout)
                .read(sentinelSeeds, clusterSeed, Instant.now().truncatedTo(ChronoUnit.SECONDS));
        String yaml = InventoryWriter.write(topology, new InventoryWriter.Options(name, dcs, redisAuth, sentinelAuth));
        if (output == null) {
            spec.commandLine().getOut().print(yaml);
            spec.commandLine().getOut().flush();
        } else {
            List<Path> inputs = new ArrayList<>();
            for (Path p : new Path[] {dcMap, authFile, sentinelAuthFile}) {
                if (p != null) {
                    inputs.add(p);
                }
            }
            OutputFile.write(output, inputs, w -> w.write(yaml));
        }
        var err = spec.commandLine().getErr();
        err.println("stagger: discovered " + topology.sentinelMasters().size() + " sentinel-monitored master(s)"
                + (topology.cluster() == null ? "" : ", a cluster of " + topology.cluster().shards().size() + " shard(s)")
                + (output == null ? "" : "; wrote " + output));
        long todo = InventoryWriter.hostsWithoutDc(topology, dcs);
        if (todo > 0) {
            err.println("stagger: " + todo + " host(s) have dc: " + InventoryWriter.DC_PLACEHOLDER
                    + "; set them or pass --dc-map FILE");
        }
        err.flush();
        return ExitCode.OK;
    }

    private static Auth auth(String env, Path file, String flag) {
        if (env != null && file != null) {
            throw new StaggerException(ExitCode.BAD_INPUT, "give " + flag + "-env or " + flag + "-file, not both");
        }
        if (env == null && file == null) {
            return Auth.NONE;
        }
        Auth auth = new Auth(null, env, file, false);
        if (file != null) {
            PasswordFileCheck.readable(auth, flag + "-file");
        }
        return auth;
    }
}
