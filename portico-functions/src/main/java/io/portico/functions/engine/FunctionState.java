package io.portico.functions.engine;

/**
 * A function version's lifecycle as Lambda reports it: {@code State} (Pending while the code is
 * prepared, then Active or Failed) and {@code LastUpdateStatus} (InProgress while an update's code
 * is prepared). Reason codes are Lambda's ({@code Creating}, {@code InvalidZipFileException}, ...).
 */
public record FunctionState(String state, String stateReason, String stateReasonCode,
        String lastUpdateStatus, String lastUpdateStatusReason, String lastUpdateStatusReasonCode) {

    public static FunctionState creating() {
        return new FunctionState("Pending", "The function is being created.", "Creating", "InProgress",
                "The function is being created.", "Creating");
    }

    public static FunctionState updating() {
        return new FunctionState("Active", null, null, "InProgress", "The function is being created.", "Creating");
    }

    public static FunctionState active() {
        return new FunctionState("Active", null, null, "Successful", null, null);
    }

    public static FunctionState failed(String reasonCode, String reason) {
        return new FunctionState("Failed", reason, reasonCode, "Failed", reason, reasonCode);
    }

    public boolean ready() {
        return state.equals("Active") && !lastUpdateStatus.equals("InProgress");
    }
}
