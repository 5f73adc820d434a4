"""Portico's Python runtime bootstrap: plays the part of awslambdaric (AWS's Python runtime interface
client) for a function run as a worker process on the machine's python3. Standard library only."""
import decimal
import http.client
import importlib
import json
import logging
import os
import sys
import time
import traceback

API = os.environ["AWS_LAMBDA_RUNTIME_API"]
BASE = "/2018-06-01/runtime"
ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type"
_request_id = ""


class _Connection:
    def __init__(self):
        host, port = API.rsplit(":", 1)
        self.conn = http.client.HTTPConnection(host, int(port))

    def request(self, method, path, body=None, headers=None):
        sys.stdout.flush()
        sys.stderr.flush()
        self.conn.request(method, BASE + path, body=body, headers=headers or {})
        response = self.conn.getresponse()
        return response, response.read()


class _Encoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, decimal.Decimal):
            return int(o) if o == o.to_integral_value() else float(o)
        return super().default(o)


def _to_json(value):
    return json.dumps(value, cls=_Encoder)


class _FaultException(Exception):
    IMPORT_MODULE_ERROR = "Runtime.ImportModuleError"
    BUILT_IN_MODULE_CONFLICT = "Runtime.BuiltInModuleConflict"
    MALFORMED_HANDLER_NAME = "Runtime.MalformedHandlerName"
    USER_CODE_SYNTAX_ERROR = "Runtime.UserCodeSyntaxError"
    HANDLER_NOT_FOUND = "Runtime.HandlerNotFound"

    def __init__(self, exception_type, msg, trace=None):
        super().__init__(msg)
        self.exception_type = exception_type
        self.msg = msg
        self.trace = trace


def _get_handler(handler):
    try:
        (modname, fname) = handler.rsplit(".", 1)
    except ValueError as e:
        raise _FaultException(_FaultException.MALFORMED_HANDLER_NAME, "Bad handler '{}': {}".format(handler, str(e)))
    try:
        if modname.split(".")[0] in sys.builtin_module_names:
            raise _FaultException(_FaultException.BUILT_IN_MODULE_CONFLICT,
                                  "Cannot use built-in module {} as a handler module".format(modname))
        m = importlib.import_module(modname.replace("/", "."))
    except ImportError as e:
        raise _FaultException(_FaultException.IMPORT_MODULE_ERROR,
                              "Unable to import module '{}': {}".format(modname, str(e)))
    except SyntaxError as e:
        trace = ['  File "%s" Line %s\n    %s' % (e.filename, e.lineno, e.text)]
        raise _FaultException(_FaultException.USER_CODE_SYNTAX_ERROR,
                              "Syntax error in module '{}': {}".format(modname, str(e)), trace)
    try:
        request_handler = getattr(m, fname)
    except AttributeError:
        raise _FaultException(_FaultException.HANDLER_NOT_FOUND,
                              "Handler '{}' missing on module '{}'".format(fname, modname))
    return request_handler


def _make_error(message, error_type, stack_trace, request_id):
    result = {"errorMessage": message if message else "", "errorType": error_type if error_type else "",
              "requestId": request_id if request_id is not None else "", "stackTrace": stack_trace or []}
    return result


def _format_stack(tb):
    return traceback.format_list(traceback.extract_tb(tb)[1:]) if tb else []


def _log_error(error_result, log_sink):
    error_message_lines = [str(error_result["errorMessage"])]
    if error_result.get("stackTrace"):
        error_message_lines.append("Traceback (most recent call last):")
        error_message_lines.extend(line.rstrip("\n") for line in error_result["stackTrace"])
    log_sink("[ERROR] {}: {}\n".format(error_result["errorType"], "\n".join(error_message_lines)))


class _LambdaContext:
    def __init__(self, invoke_id, client_context, cognito_identity, deadline_ms, invoked_function_arn):
        self.aws_request_id = invoke_id
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = invoked_function_arn
        self.client_context = _ClientContext(client_context) if client_context else None
        self.identity = _CognitoIdentity(cognito_identity or {})
        self._deadline_ms = deadline_ms

    def get_remaining_time_in_millis(self):
        return max(int(self._deadline_ms - time.time() * 1000), 0)

    def log(self, msg):
        sys.stdout.write(str(msg))


class _CognitoIdentity:
    def __init__(self, identity):
        self.cognito_identity_id = identity.get("cognitoIdentityId")
        self.cognito_identity_pool_id = identity.get("cognitoIdentityPoolId")


class _Client:
    def __init__(self, client):
        self.installation_id = client.get("installation_id")
        self.app_title = client.get("app_title")
        self.app_version_name = client.get("app_version_name")
        self.app_version_code = client.get("app_version_code")
        self.app_package_name = client.get("app_package_name")


class _ClientContext:
    def __init__(self, context):
        self.client = _Client(context["client"]) if context.get("client") else None
        self.custom = context.get("custom")
        self.env = context.get("env")


class _LambdaLogHandler(logging.Handler):
    def __init__(self, json_format):
        super().__init__()
        self.json_format = json_format

    def emit(self, record):
        if self.json_format:
            entry = {"timestamp": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
                     + ".%03dZ" % record.msecs, "level": record.levelname, "message": record.getMessage(),
                     "logger": record.name, "requestId": _request_id}
            if record.exc_info:
                entry["errorType"] = record.exc_info[0].__name__
                entry["errorMessage"] = str(record.exc_info[1])
                entry["stackTrace"] = traceback.format_tb(record.exc_info[2])
            line = json.dumps(entry, default=str)
        else:
            line = self.format(record)
        sys.stdout.write(line.replace("\n", "\r") + "\n")
        sys.stdout.flush()


class _LambdaLogFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = _request_id
        return True


def _setup_logging():
    json_format = os.environ.get("AWS_LAMBDA_LOG_FORMAT", "Text").upper() == "JSON"
    handler = _LambdaLogHandler(json_format)
    formatter = logging.Formatter("[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s",
                                  "%Y-%m-%dT%H:%M:%S")
    formatter.converter = time.gmtime
    handler.setFormatter(formatter)
    handler.addFilter(_LambdaLogFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    level = os.environ.get("AWS_LAMBDA_LOG_LEVEL")
    if json_format and level:
        root.setLevel({"TRACE": logging.DEBUG, "FATAL": logging.CRITICAL}.get(level.upper(), level.upper()))


def main():
    global _request_id
    sys.path.insert(0, os.environ.get("LAMBDA_TASK_ROOT", os.getcwd()))
    _setup_logging()
    api = _Connection()
    try:
        handler = _get_handler(os.environ["_HANDLER"])
    except _FaultException as e:
        error = _make_error(e.msg, e.exception_type, e.trace, "")
        _log_error(error, sys.stdout.write)
        api.request("POST", "/init/error", _to_json(error), {ERROR_TYPE_HEADER: e.exception_type})
        sys.exit(1)
    except Exception as e:
        error = _make_error(str(e), type(e).__name__, _format_stack(sys.exc_info()[2]), "")
        _log_error(error, sys.stdout.write)
        api.request("POST", "/init/error", _to_json(error), {ERROR_TYPE_HEADER: "Runtime.Unknown"})
        sys.exit(1)
    while True:
        response, body = api.request("GET", "/invocation/next")
        request_id = response.getheader("Lambda-Runtime-Aws-Request-Id")
        _request_id = request_id
        trace_id = response.getheader("Lambda-Runtime-Trace-Id")
        if trace_id:
            os.environ["_X_AMZN_TRACE_ID"] = trace_id
        else:
            os.environ.pop("_X_AMZN_TRACE_ID", None)
        client_context = response.getheader("Lambda-Runtime-Client-Context")
        cognito = response.getheader("Lambda-Runtime-Cognito-Identity")
        context = _LambdaContext(request_id, json.loads(client_context) if client_context else None,
                                 json.loads(cognito) if cognito else None,
                                 int(response.getheader("Lambda-Runtime-Deadline-Ms") or 0),
                                 response.getheader("Lambda-Runtime-Invoked-Function-Arn"))
        try:
            event = json.loads(body) if body else None
            response = handler(event, context)
            try:
                result = _to_json(response)
            except Exception as e:
                raise _FaultException("Runtime.MarshalError", "Unable to marshal response: {}".format(str(e)))
            api.request("POST", "/invocation/%s/response" % request_id, result)
        except _FaultException as e:
            error = _make_error(e.msg, e.exception_type, e.trace, request_id)
            _log_error(error, sys.stdout.write)
            api.request("POST", "/invocation/%s/error" % request_id, _to_json(error),
                        {ERROR_TYPE_HEADER: e.exception_type})
        except Exception as e:
            etype, value, tb = sys.exc_info()
            error = _make_error(str(value), etype.__name__, _format_stack(tb), request_id)
            _log_error(error, sys.stdout.write)
            api.request("POST", "/invocation/%s/error" % request_id, _to_json(error),
                        {ERROR_TYPE_HEADER: "Unhandled"})


if __name__ == "__main__":
    main()
