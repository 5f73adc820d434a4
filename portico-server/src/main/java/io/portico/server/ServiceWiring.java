package io.portico.server;

import io.portico.core.protocol.AwsService;
import io.portico.states.api.StatesService;
import io.portico.states.engine.StepFunctions;
import io.portico.states.engine.TaskResources;
import java.util.List;

/**
 * The one place that decides which AWS services this server runs. Services are created here, in start
 * order; any that also implement {@link io.portico.core.Component} are started in this order and
 * closed in reverse. Cross-service interfaces (for example the Step Functions Task invoker supplied by
 * the functions module) are connected here too, since no service module depends on a sibling.
 */
public final class ServiceWiring {

    private ServiceWiring() {
    }

    /** The services of this build, each wired to the platform. Never null. */
    public static List<AwsService> services(PlatformContext context) {
        return services(context, StepFunctions.Settings.defaults());
    }

    /**
     * The same services with other Step Functions settings than AWS's (tests shorten the activity long
     * poll this way, through {@link PorticoServer#create(PorticoConfig, java.time.Clock, java.util.function.Function)}).
     */
    public static List<AwsService> services(PlatformContext context, StepFunctions.Settings statesSettings) {
        // Task resources from other modules (Lambda, ...) join the Step Functions engine here.
        StepFunctions stepFunctions = StepFunctions.create(context.store(), context.clock(), TaskResources.NONE,
                statesSettings);
        return List.of(new StatesService(stepFunctions));
    }
}
