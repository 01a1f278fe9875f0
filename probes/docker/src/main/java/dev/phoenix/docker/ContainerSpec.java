package dev.phoenix.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a container was created from, captured from {@code docker inspect} so that an identical
 * one can be created after it is removed: image, command, entrypoint, environment, labels
 * (Compose's included), user, working directory, exposed ports, health check, anonymous volumes
 * and the whole host configuration (network mode, port bindings, binds and mounts, restart
 * policy, init, capabilities, resources, ...).
 *
 * <p>Not carried over: the container's hostname when it was chosen by Docker (it is the old
 * container's id), network aliases on user-defined networks other than the container's name,
 * and the contents of anonymous volumes (a replacement starts with fresh ones, as a rebuilt
 * member would).
 *
 * @param name  the container's name, reused by the replacement
 * @param image the image reference to create from (the victim's, or its image id when that
 *              reference now points elsewhere)
 */
record ContainerSpec(String name, String image, String imageId, List<String> cmd, List<String> entrypoint, List<String> env,
                     Map<String, String> labels, String user, String workingDir, List<ExposedPort> exposedPorts,
                     HealthCheck healthcheck, List<String> volumes, HostConfig hostConfig, Boolean tty, Boolean stdinOpen) {

    ContainerSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(image, "image");
        cmd = cmd == null ? null : List.copyOf(cmd);
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        env = env == null ? List.of() : List.copyOf(env);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        exposedPorts = exposedPorts == null ? List.of() : List.copyOf(exposedPorts);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
    }

    static ContainerSpec capture(InspectContainerResponse c) {
        var config = c.getConfig();
        List<String> volumes = config.getVolumes() == null ? List.of() : new ArrayList<>(config.getVolumes().keySet());
        return new ContainerSpec(ContainerMembers.name(c),
                config.getImage() == null || config.getImage().isEmpty() ? c.getImageId() : config.getImage(),
                c.getImageId(),
                config.getCmd() == null ? null : List.of(config.getCmd()),
                config.getEntrypoint() == null ? null : List.of(config.getEntrypoint()),
                config.getEnv() == null ? List.of() : List.of(config.getEnv()),
                config.getLabels(),
                config.getUser(),
                config.getWorkingDir(),
                ContainerMembers.exposed(c),
                config.getHealthcheck(),
                volumes,
                c.getHostConfig(),
                config.getTty(),
                config.getStdinOpen());
    }

    /** The same spec creating from {@code reference} instead. */
    ContainerSpec withImage(String reference) {
        return new ContainerSpec(name, reference, imageId, cmd, entrypoint, env, labels, user, workingDir, exposedPorts,
                healthcheck, volumes, hostConfig, tty, stdinOpen);
    }

    /** Whether {@code docker} should wait for the replacement to report healthy. */
    boolean hasHealthcheck() {
        return healthcheck != null && healthcheck.getTest() != null && !healthcheck.getTest().isEmpty()
                && !healthcheck.getTest().get(0).equals("NONE");
    }

    /** Creates (does not start) a container from this spec; returns its id. Blocking. */
    String create(DockerClient client) {
        CreateContainerCmd cmd = client.createContainerCmd(image)
                .withName(name)
                .withEnv(env)
                .withLabels(labels)
                .withHostConfig(hostConfig);
        if (this.cmd != null) {
            cmd.withCmd(this.cmd);
        }
        if (entrypoint != null) {
            cmd.withEntrypoint(entrypoint);
        }
        if (user != null && !user.isEmpty()) {
            cmd.withUser(user);
        }
        if (workingDir != null && !workingDir.isEmpty()) {
            cmd.withWorkingDir(workingDir);
        }
        if (!exposedPorts.isEmpty()) {
            cmd.withExposedPorts(exposedPorts);
        }
        if (healthcheck != null) {
            cmd.withHealthcheck(healthcheck);
        }
        if (!volumes.isEmpty()) {
            cmd.withVolumes(volumes.stream().map(Volume::new).toList());
        }
        if (tty != null) {
            cmd.withTty(tty);
        }
        if (stdinOpen != null) {
            cmd.withStdinOpen(stdinOpen);
        }
        return cmd.exec().getId();
    }

    /** One line for logs and errors: enough for a person to recreate the container by hand. */
    String describe() {
        return "name " + name + ", image " + image + (image.equals(imageId) ? "" : " (" + imageId + ")")
                + ", entrypoint " + entrypoint + ", cmd " + cmd + ", network "
                + (hostConfig == null ? "default" : hostConfig.getNetworkMode()) + ", labels " + labels.keySet();
    }
}
