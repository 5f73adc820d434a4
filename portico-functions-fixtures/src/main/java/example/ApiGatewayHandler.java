package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;

/** {@code example.ApiGatewayHandler}: an HTTP API (payload 2.0) integration using aws-lambda-java-events. */
public class ApiGatewayHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String method = event.getRequestContext().getHttp().getMethod();
        String who = event.getQueryStringParameters() == null ? "anonymous" : event.getQueryStringParameters().get("who");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(201)
                .withHeaders(Map.of("content-type", "text/plain"))
                .withBody(method + " " + event.getRawPath() + " by " + who + ": " + event.getBody())
                .withIsBase64Encoded(false)
                .build();
    }
}
