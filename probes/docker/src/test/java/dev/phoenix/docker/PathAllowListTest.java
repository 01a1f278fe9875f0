package dev.phoenix.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.ChangeLog;
import dev.phoenix.model.Fact;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PathAllowListTest {

    private final PathAllowList allow = PathAllowList.of(List.of("/tmp", "/var/log/", "/app/*.pid"));

    @ParameterizedTest(name = "{0} allowed: {1}")
    @CsvSource({
            "/tmp, true",
            "/tmp/x/y, true",
            "/tmpfile, false",
            "/var/log/app.log, true",
            "/var/logs, false",
            "/app/web.pid, true",
            "/app/web.conf, false",
            "/etc/app.conf, false"})
    void prefixesAllowThemselvesAndBelow_globsMatchTheWholePath(String path, boolean allowed) {
        assertThat(allow.allows(path)).isEqualTo(allowed);
    }

    @Test
    void parentDirectoriesOfAChange_areNotReported_andAllowedPathsAreDropped() {
        DockerDiffProbe probe = new DockerDiffProbe(PathAllowList.of(List.of("/tmp", "/sbin/docker-init")), 10, null);
        List<Fact> facts = probe.facts(List.of(change("/etc", 0), change("/etc/app.conf", 0), change("/tmp", 0),
                change("/tmp/x", 1), change("/sbin", 1), change("/sbin/docker-init", 1), change("/opt", 2)));
        assertThat(facts).extracting(Fact::key, Fact::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("docker.diff./etc/app.conf", "CHANGED"),
                        org.assertj.core.groups.Tuple.tuple("docker.diff./opt", "DELETED"));
        assertThat(facts).allMatch(Fact::inPlace);
    }

    @Test
    void pathsBeyondMaxPaths_areCountedInOneFact() {
        DockerDiffProbe probe = new DockerDiffProbe(PathAllowList.of(List.of()), 2, null);
        List<Fact> facts = probe.facts(List.of(change("/a", 1), change("/b", 1), change("/c", 1), change("/d", 1)));
        assertThat(facts).extracting(Fact::key).containsExactly("docker.diff./a", "docker.diff./b", "docker.diff./(more paths)");
        assertThat(facts.get(2).value()).isEqualTo("2");
    }

    private static ChangeLog change(String path, int kind) {
        return new com.fasterxml.jackson.databind.ObjectMapper().convertValue(java.util.Map.of("Path", path, "Kind", kind), ChangeLog.class);
    }
}
