package dev.phoenix.spi;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryTest {

    record Thing(String name) implements Named {
    }

    @Test
    void duplicateName_failsAtStartUp() {
        assertThatThrownBy(() -> Registry.of("probe", List.of(new Thing("http"), new Thing("http"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("duplicate probe name 'http'");
    }

    @Test
    void unknownName_listsTheValidOnesAndTheClosest() {
        Registry<Thing> r = Registry.of("probe", List.of(new Thing("http"), new Thing("tcp")));
        assertThatThrownBy(() -> r.get("htp", "groups[0].probes[0]"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown probe 'htp' (did you mean 'http'?); valid: http, tcp");
    }
}
