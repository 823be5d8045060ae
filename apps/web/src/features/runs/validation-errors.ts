/**
 * A validation error (Horreum's shape: `type`, `message`, `instanceLocation` or `path`) in words:
 * where in the document, and what is wrong.
 *
 * @example
 * describeValidationError({ type: 'type', message: 'must be number', instanceLocation: '/results/0/throughput' })
 * // { where: '/results/0/throughput', message: 'must be number' }
 */
export function describeValidationError(error: Record<string, unknown>): { where: string; message: string } {
  const text = (key: string) => (typeof error[key] === 'string' ? (error[key] as string) : '');
  const where = text('instanceLocation') || text('path') || text('pointer');
  const message = text('message') || text('details') || text('type') || JSON.stringify(error);
  // Some validators start the message with the location already ("$ must have required property 'x'").
  return { where: message.startsWith(`${where} `) ? '' : where, message };
}
