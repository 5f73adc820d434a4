// Portico's Node.js runtime bootstrap: plays the part of AWS's Node.js runtime interface client
// (aws-lambda-nodejs-runtime-interface-client, v3: UserFunction.js, Errors.js, LogPatch.js,
// CallbackContext.js, Runtime.js) for a function run as a worker process on the machine's node.
// No dependencies: node's own http, fs, path, url and util.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import util from 'node:util';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const [apiHost, apiPort] = process.env.AWS_LAMBDA_RUNTIME_API.split(':');
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const taskRoot = process.env.LAMBDA_TASK_ROOT || process.cwd();

// ---- errors, as Errors.js names and shapes them
class RuntimeError extends Error {
  constructor(reason) {
    super(reason instanceof Error ? String(reason) : reason);
    if (reason instanceof Error && reason.stack) {
      this.stack = `${this.name}: ${this.message}\n${reason.stack.split('\n').slice(1).join('\n')}`;
    }
  }
}
const errorClasses = {};
for (const name of ['ImportModuleError', 'HandlerNotFound', 'MalformedHandlerName', 'UserCodeSyntaxError',
  'UnhandledPromiseRejection']) {
  errorClasses[name] = class extends RuntimeError {};
  Object.defineProperty(errorClasses[name], 'name', { value: name });
  errorClasses[name].prototype.name = `Runtime.${name}`;
}

function isError(value) {
  return util.types.isNativeError(value) || (value && value.name && value.message && value.stack);
}

function toRapidResponse(error) {
  try {
    if (isError(error)) {
      return {
        errorType: error.name?.replace(/\x7F/g, '%7F'),
        errorMessage: error.message?.replace(/\x7F/g, '%7F'),
        trace: error.stack.replace(/\x7F/g, '%7F').split('\n'),
      };
    }
    return { errorType: typeof error, errorMessage: error.toString(), trace: [] };
  } catch (_e) {
    return {
      errorType: 'handled',
      errorMessage: 'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
    };
  }
}

function toFormatted(error) {
  try {
    return '\t' + JSON.stringify(error, (_k, value) => (isError(value)
      ? { errorType: value.name, errorMessage: value.message, stack: value.stack.split('\n') } : value));
  } catch (_e) {
    return '\t' + JSON.stringify(toRapidResponse(error));
  }
}

// ---- logging, as LogPatch.js writes it when there is no telemetry descriptor
let currentRequestId;
const jsonFormat = (process.env.AWS_LAMBDA_LOG_FORMAT || '').toUpperCase() === 'JSON';
const levels = { TRACE: 0, DEBUG: 1, INFO: 2, WARN: 3, ERROR: 4, FATAL: 5 };
const minimum = jsonFormat ? (levels[(process.env.AWS_LAMBDA_LOG_LEVEL || 'TRACE').toUpperCase()] ?? 0) : 0;

function write(level, args) {
  if (levels[level] < minimum) {
    return;
  }
  const timestamp = new Date().toISOString();
  let line;
  if (jsonFormat) {
    const record = { timestamp, level, requestId: currentRequestId };
    if (args.length === 1 && isError(args[0])) {
      Object.assign(record, { message: args[0].message, errorType: args[0].name, errorMessage: args[0].message,
        stackTrace: args[0].stack.split('\n') });
    } else {
      record.message = args.length === 1 && typeof args[0] !== 'string' ? args[0] : util.format(...args);
    }
    try {
      line = JSON.stringify(record);
    } catch (_e) {
      record.message = util.format(...args);
      line = JSON.stringify(record);
    }
  } else {
    line = `${timestamp}\t${currentRequestId}\t${level}\t${util.format(...args)}`.replace(/\n/g, '\r');
  }
  process.stdout.write(line + '\n');
}
console.log = (...args) => write('INFO', args);
console.info = (...args) => write('INFO', args);
console.warn = (...args) => write('WARN', args);
console.error = (...args) => write('ERROR', args);
console.debug = (...args) => write('DEBUG', args);
console.trace = (...args) => write('TRACE', args);
console.fatal = (...args) => write('FATAL', args);

// ---- the Runtime API
function call(method, resource, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: apiHost, port: apiPort, method, agent,
      path: `/2018-06-01/runtime/${resource}`, headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

function post(resource, value, headers = {}) {
  const body = JSON.stringify(value) ?? 'null'; // undefined (and functions) answer null, as Lambda's runtime does
  return call('POST', resource, body, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body),
    ...headers });
}

function postError(resource, error) {
  const response = toRapidResponse(error);
  return post(resource, response, { 'Lambda-Runtime-Function-Error-Type': response.errorType });
}

function fail(reason) {
  process.stderr.write(`Portico's Node.js bootstrap lost the Runtime API: ${reason}\n`);
  process.exit(1);
}

// ---- handler loading, as UserFunction.js does it
function hasPackageJsonTypeModule(file) {
  if (!fs.existsSync(file + '.js')) {
    return false;
  }
  for (let dir = path.resolve(path.dirname(file)); ; dir = path.dirname(dir)) {
    const packageJson = path.join(dir, 'package.json');
    if (fs.existsSync(packageJson)) {
      try {
        return JSON.parse(fs.readFileSync(packageJson, 'utf8')).type === 'module';
      } catch (_e) {
        return false;
      }
    }
    if (dir === path.dirname(dir)) {
      return false;
    }
  }
}

const tryRequire = (file) => (fs.existsSync(file) ? require(file) : undefined);
const tryImport = async (file) => (fs.existsSync(file) ? import(pathToFileURL(file).href) : undefined);

async function loadModule(moduleRoot, module) {
  const lambdaStylePath = path.resolve(taskRoot, moduleRoot, module);
  const extensionless = tryRequire(lambdaStylePath);
  if (extensionless) {
    return extensionless;
  }
  const typeModule = hasPackageJsonTypeModule(lambdaStylePath);
  if (!typeModule) {
    const loaded = tryRequire(lambdaStylePath + '.js');
    if (loaded) {
      return loaded;
    }
  }
  const loaded = (typeModule && (await tryImport(lambdaStylePath + '.js')))
    || (await tryImport(lambdaStylePath + '.mjs')) || tryRequire(lambdaStylePath + '.cjs');
  if (loaded) {
    return loaded;
  }
  return require(require.resolve(module, { paths: [taskRoot, path.join(taskRoot, moduleRoot)] }));
}

async function loadHandler(fullHandlerString) {
  if (fullHandlerString.includes('..')) {
    throw new errorClasses.MalformedHandlerName("'../' not allowed in handler name. Use '/' instead.");
  }
  const handlerString = path.basename(fullHandlerString);
  const moduleRoot = fullHandlerString.substring(0, fullHandlerString.indexOf(handlerString));
  const match = handlerString.match(/^([^.]*)\.(.*)$/);
  if (!match || match.length !== 3) {
    throw new errorClasses.MalformedHandlerName('Bad handler');
  }
  const [, module, handlerPath] = match;
  let userApp;
  try {
    userApp = await loadModule(moduleRoot, module);
  } catch (e) {
    if (e instanceof SyntaxError) {
      throw new errorClasses.UserCodeSyntaxError(e);
    } else if (e.code !== undefined && e.code === 'MODULE_NOT_FOUND') {
      throw new errorClasses.ImportModuleError(e);
    }
    throw e;
  }
  const handler = handlerPath.split('.').reduce((nested, key) => nested && nested[key], userApp);
  if (!handler) {
    throw new errorClasses.HandlerNotFound(`${fullHandlerString} is undefined or not exported`);
  }
  if (typeof handler !== 'function') {
    throw new errorClasses.HandlerNotFound(`${fullHandlerString} is not a function`);
  }
  return handler;
}

// awslambda.streamifyResponse: a streaming handler's stream is answered whole (no RESPONSE_STREAM yet)
globalThis.awslambda = {
  streamifyResponse(handler) {
    return async (event, context) => {
      const chunks = [];
      const stream = { write: (chunk) => { chunks.push(Buffer.from(chunk)); return true; },
        end: (chunk) => { if (chunk !== undefined) chunks.push(Buffer.from(chunk)); }, setContentType() {} };
      await handler(event, stream, context);
      return Buffer.concat(chunks).toString('utf8');
    };
  },
  HttpResponseStream: { from: (stream) => stream },
};

// ---- invocations, as Runtime.js and CallbackContext.js run them
let beforeExit = () => {};
process.on('beforeExit', () => beforeExit());

function context(headers, succeed, fail, done) {
  const deadline = Number(headers['lambda-runtime-deadline-ms']);
  let waitForEmptyEventLoop = true;
  const parse = (value) => (value ? JSON.parse(value) : undefined);
  return {
    get callbackWaitsForEmptyEventLoop() { return waitForEmptyEventLoop; },
    set callbackWaitsForEmptyEventLoop(value) { waitForEmptyEventLoop = value; },
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    clientContext: parse(headers['lambda-runtime-client-context']),
    identity: parse(headers['lambda-runtime-cognito-identity']),
    invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
    awsRequestId: headers['lambda-runtime-aws-request-id'],
    getRemainingTimeInMillis: () => deadline - Date.now(),
    succeed, fail, done,
  };
}

async function invokeOnce(handler) {
  const next = await call('GET', 'invocation/next').catch(fail);
  const id = next.headers['lambda-runtime-aws-request-id'];
  currentRequestId = id;
  const traceId = next.headers['lambda-runtime-trace-id'];
  if (traceId) {
    process.env._X_AMZN_TRACE_ID = traceId;
  } else {
    delete process.env._X_AMZN_TRACE_ID;
  }
  let finished = false;
  const once = (fn) => (...args) => { if (!finished) { finished = true; beforeExit = () => {}; fn(...args); } };
  const scheduleNext = () => setImmediate(() => invokeOnce(handler));
  const reportError = (error) => {
    console.error('Invoke Error', toFormatted(error));
    postError(`invocation/${id}/error`, error).then(scheduleNext, fail);
  };
  const reportResult = (result) => post(`invocation/${id}/response`, result).then(scheduleNext, fail);
  const succeed = once(reportResult);
  const failed = once((error) => (error === undefined || error === null ? reportResult('handled') : reportError(error)));
  const done = (error, result) => (error === undefined || error === null ? succeed(result) : failed(error));
  const ctx = context(next.headers, succeed, failed, done);
  const callback = (error, result) => {
    if (finished) {
      return;
    }
    if (error !== undefined && error !== null) {
      failed(error);
    } else if (!ctx.callbackWaitsForEmptyEventLoop) {
      succeed(result);
    } else {
      beforeExit = () => setImmediate(() => succeed(result));
    }
  };
  // an async handler that never settles and leaves nothing to wait for answers null, as Lambda's does
  beforeExit = () => succeed(null);
  process.removeAllListeners('uncaughtException');
  process.removeAllListeners('unhandledRejection');
  process.on('uncaughtException', (error) => {
    console.error('Uncaught Exception', toFormatted(error));
    postError(`invocation/${id}/error`, error).finally(() => process.exit(129));
  });
  process.on('unhandledRejection', (reason, promise) => {
    const error = new errorClasses.UnhandledPromiseRejection(reason?.toString?.() ?? String(reason));
    error.reason = reason;
    error.promise = promise;
    console.error('Unhandled Promise Rejection', toFormatted(error));
    postError(`invocation/${id}/error`, error).finally(() => process.exit(128));
  });
  try {
    const event = JSON.parse(next.body);
    const result = handler(event, ctx, callback);
    if (result && typeof result.then === 'function') {
      result.then(succeed, failed);
    }
  } catch (error) {
    callback(error);
  }
}

async function main() {
  let handler;
  try {
    handler = await loadHandler(process.env._HANDLER);
  } catch (error) {
    console.error('Uncaught Exception', toFormatted(error));
    await postError('init/error', error).catch(fail);
    process.exit(129);
  }
  invokeOnce(handler);
}

main();
