package io.portico.functions.engine.java;

import com.amazonaws.services.lambda.runtime.Client;
import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.GsonFactory;
import java.util.Map;
import java.util.Optional;

/**
 * The client context and Cognito identity of an invocation, decoded from JSON with Gson and field
 * names as Lambda's runtime decodes them ({@code client.installation_id}, {@code custom}, {@code env};
 * {@code cognitoIdentityId}, {@code cognitoIdentityPoolId}). Immutable after decoding.
 */
final class ClientData {
    private static final PojoSerializer<ContextData> CONTEXTS = GsonFactory.getInstance().getSerializer(ContextData.class);
    private static final PojoSerializer<IdentityData> IDENTITIES = GsonFactory.getInstance().getSerializer(IdentityData.class);

    private ClientData() {
    }

    static Optional<ClientContext> clientContext(Optional<String> json) {
        return json.filter(text -> !text.isEmpty()).map(CONTEXTS::fromJson);
    }

    static Optional<CognitoIdentity> cognitoIdentity(Optional<String> json) {
        return json.filter(text -> !text.isEmpty()).map(IDENTITIES::fromJson);
    }

    /** Whether the client context says the caller is an Android app, for which Lambda serialises with Gson. */
    static boolean isAndroid(Optional<ClientContext> context) {
        return context.map(ClientContext::getEnvironment).map(env -> env.get("platform"))
                .filter("Android"::equalsIgnoreCase).isPresent();
    }

    @SuppressWarnings("unused")
    private static final class ContextData implements ClientContext {
        private ClientFields client;
        private Map<String, String> custom;
        private Map<String, String> env;

        @Override
        public Client getClient() {
            return client;
        }

        @Override
        public Map<String, String> getCustom() {
            return custom;
        }

        @Override
        public Map<String, String> getEnvironment() {
            return env;
        }
    }

    @SuppressWarnings("unused")
    private static final class ClientFields implements Client {
        private String installation_id;
        private String app_title;
        private String app_version_name;
        private String app_version_code;
        private String app_package_name;

        @Override
        public String getInstallationId() {
            return installation_id;
        }

        @Override
        public String getAppTitle() {
            return app_title;
        }

        @Override
        public String getAppVersionName() {
            return app_version_name;
        }

        @Override
        public String getAppVersionCode() {
            return app_version_code;
        }

        @Override
        public String getAppPackageName() {
            return app_package_name;
        }
    }

    @SuppressWarnings("unused")
    private static final class IdentityData implements CognitoIdentity {
        private String cognitoIdentityId;
        private String cognitoIdentityPoolId;

        @Override
        public String getIdentityId() {
            return cognitoIdentityId;
        }

        @Override
        public String getIdentityPoolId() {
            return cognitoIdentityPoolId;
        }
    }
}
