/**
 * Isomorphic parts of the model-monitoring plugins: annotations, REST API types, permissions.
 *
 * @packageDocumentation
 */

export * from './annotations';
export * from './parseMonitoringAnnotations';
export * from './permissions';
export * from './api';
