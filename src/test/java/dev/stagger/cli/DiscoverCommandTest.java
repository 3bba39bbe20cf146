package dev.stagger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DiscoverCommandTest {

    @Test
    void needsASource() {
        CliResult r = CliResult.run("discover");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("discover needs --sentinel HOST:PORT and/or --cluster HOST:PORT");
    }

    @Test
    void badAddressAndAuthFlagsAreBadInput() {
        CliResult r = CliResult.run("discover", "--cluster", "redis-1");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--cluster expects HOST:PORT, got `redis-1`");
        r = CliResult.run("discover", "--cluster", "127.0.0.1:1", "--auth-env", "A", "--auth-file", "f");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.err()).contains("--auth-env or --auth-file, not both");
    }

    @Test
    void anUnreachableNodeIsOneLineExit3() {
        CliResult r = CliResult.run("discover", "--cluster", "127.0.0.1:1", "--timeout", "300ms");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
        assertThat(r.err()).contains("cluster node 127.0.0.1:1 did not answer CLUSTER NODES").doesNotContain("at dev.");
    }

    @Test
    void helpNamesEveryFlag() {
        CliResult r = CliResult.run("discover", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--sentinel", "--cluster", "--dc-map", "--auth-env", "--auth-file", "-o");
    }
}
