package io.portico.core.protocol.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.model.OperationModel;
import io.portico.core.model.Protocol;
import io.portico.core.protocol.AwsRequest;
import io.portico.core.service.AwsError;
import io.portico.core.service.AwsResponse;
import io.portico.core.service.ServiceApi;
import java.util.Map;

/**
 * One AWS wire protocol: decodes a request into an operation's input document and encodes an output
 * document or an error the way that protocol's SDK clients parse them. Codecs hold no state; each reads
 * everything it needs from the operation's model. Thread safe.
 */
public sealed interface WireCodec permits AwsJsonCodec, RestJsonCodec, QueryCodec, RestXmlCodec {

    /**
     * The input document of {@code operation} from {@code request}; {@code labels} are the URI labels the
     * router matched (REST protocols).
     *
     * @throws io.portico.core.service.AwsErrorException the service's error for an unreadable request or
     *     a member of the wrong type
     */
    ObjectNode decode(ServiceApi api, OperationModel operation, AwsRequest request, Map<String, String> labels);

    /** The success response carrying {@code output}. */
    AwsResponse encode(ServiceApi api, OperationModel operation, ObjectNode output, String requestId);

    /** The response carrying {@code error}; {@code api} may be null when no service was found. */
    AwsResponse error(ServiceApi api, AwsError error, String requestId);

    static WireCodec of(Protocol protocol) {
        return switch (protocol) {
            case AWS_JSON_1_0 -> AwsJsonCodec.JSON_1_0;
            case AWS_JSON_1_1 -> AwsJsonCodec.JSON_1_1;
            case REST_JSON -> RestJsonCodec.INSTANCE;
            case AWS_QUERY -> QueryCodec.INSTANCE;
            case REST_XML -> RestXmlCodec.INSTANCE;
        };
    }
}
