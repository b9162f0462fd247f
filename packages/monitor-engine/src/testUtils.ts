/**
 * Test helpers of the engine, for the engine's own tests and for packages that build on it
 * (`@mlmon/monitor-engine/testUtils`). Never imported by production code.
 *
 * @packageDocumentation
 */

export { startTestS3Server } from './storage/testS3Server';
export type { TestS3Server } from './storage/testS3Server';
