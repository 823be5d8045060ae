export { Sandbox, type EvaluateOptions } from './sandbox';
export { type Evaluation, MAX_CONSECUTIVE_LIMIT_FAILURES } from './evaluation';
export { type SandboxLimits, DEFAULT_SANDBOX_LIMITS, LOG_MAX_CHARS, LOG_MAX_LINES } from './limits';
