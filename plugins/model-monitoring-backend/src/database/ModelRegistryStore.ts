import type { Knex } from 'knex';
import type { RegisterBuiltinModelRequest } from '@mlmon/plugin-model-monitoring-common';

interface ModelRow {
  endpoint_name: string;
  entity_ref: string;
  spec_json: string;
  registered_by: string | null;
  registered_at: Date | string;
}

/** A registration as stored: the request as given, plus who and when. */
export interface StoredRegistration {
  spec: RegisterBuiltinModelRequest;
  registeredBy?: string;
  registeredAt: string;
}

/** Models onboarded to the built-in engine (written by the scaffolder action or POST /models). */
export class ModelRegistryStore {
  constructor(private readonly knex: Knex) {}

  /** Registers or replaces the model of an endpoint. */
  async upsert(spec: RegisterBuiltinModelRequest, registeredBy?: string): Promise<void> {
    const row: ModelRow = {
      endpoint_name: spec.endpointName,
      entity_ref: spec.entityRef.toLocaleLowerCase('en-US'),
      spec_json: JSON.stringify(spec),
      registered_by: registeredBy ?? null,
      registered_at: new Date(),
    };
    await this.knex<ModelRow>('builtin_models').insert(row).onConflict('endpoint_name').merge();
  }

  async remove(endpointName: string): Promise<void> {
    await this.knex('builtin_models').where({ endpoint_name: endpointName }).delete();
  }

  async list(): Promise<StoredRegistration[]> {
    const rows: ModelRow[] = await this.knex('builtin_models').orderBy('endpoint_name');
    return rows.map(r => ({
      spec: JSON.parse(r.spec_json) as RegisterBuiltinModelRequest,
      registeredBy: r.registered_by ?? undefined,
      registeredAt: new Date(r.registered_at).toISOString(),
    }));
  }
}
