package dev.phoenix.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ErrorsTest {

    @Test
    void unwrap_removesFutureWrappersOnly() {
        IOException io = new IOException("reset", new ConnectException("refused"));
        assertThat(Errors.unwrap(new CompletionException(new ExecutionException(io)))).isSameAs(io);
        assertThat(Errors.unwrap(io)).isSameAs(io);
    }

    @Test
    void root_isTheInnermostCause() {
        ConnectException refused = new ConnectException("refused");
        assertThat(Errors.root(new IllegalStateException("outer", new IOException("middle", refused)))).isSameAs(refused);
        assertThat(Errors.root(refused)).isSameAs(refused);
    }

    @Test
    void message_isTheFirstLineOfTheFirstMessageInTheChain_elseTheClassName() {
        assertThat(Errors.message(new CompletionException(new IOException("connection reset\n\tat somewhere")))).isEqualTo("connection reset");
        assertThat(Errors.message(new RuntimeException(null, new IOException("disk full")))).isEqualTo("disk full");
        assertThat(Errors.message(new CompletionException(new java.util.concurrent.TimeoutException()))).isEqualTo("TimeoutException");
    }

    @Test
    void firstLine_isStrippedAndCapped() {
        assertThat(Errors.firstLine("  one \ntwo")).isEqualTo("one");
        assertThat(Errors.firstLine(null)).isEmpty();
        assertThat(Errors.firstLine("x".repeat(400))).hasSize(Errors.MAX_LINE + 1).endsWith("…");
    }
}
