import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { innerSchema, schemaBounds, schemaRequires } from './schema';

describe('reading a contract schema', () => {
  it('calls a field required when it does not accept nothing', () => {
    assert.equal(schemaRequires(z.string().min(1)), true);
    assert.equal(schemaRequires(z.string().nullable()), true);
    assert.equal(schemaRequires(z.string().optional()), false);
    assert.equal(schemaRequires(z.array(z.string()).default([])), false);
  });

  it('finds the type under optional, nullable and default', () => {
    assert.ok(innerSchema(z.number().int().optional()) instanceof z.ZodNumber);
    assert.ok(innerSchema(z.string().nullable().optional()) instanceof z.ZodString);
    assert.ok(innerSchema(z.enum(['a', 'b']).default('a')) instanceof z.ZodEnum);
  });

  it('reads bounds: a number\'s range, a text\'s length, an enum\'s values', () => {
    assert.deepEqual(schemaBounds(z.number().int().min(10).max(600).optional()), { min: 10, max: 600 });
    assert.deepEqual(schemaBounds(z.number()), {});
    assert.deepEqual(schemaBounds(z.string().trim().min(1).max(1000)), { maxLength: 1000 });
    assert.deepEqual(schemaBounds(z.enum(['grid', 'city']).optional()), { options: ['grid', 'city'] });
    assert.deepEqual(schemaBounds(z.boolean()), {});
  });
});
