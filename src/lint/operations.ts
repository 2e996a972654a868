import type { OpenAPIV3 } from 'openapi-types';
import { pointerOf, type WalkedOperation } from '../openapi/walk.js';
import { fillPathTemplate, templateNames } from '../openapi/path-template.js';
import type { LintContext } from './types.js';

/**
 * What swagger-parser checks for Swagger 2.0 but skips for OpenAPI 3: operationIds present and
 * unique; every `{name}` of a path template declared once as an `in: path` parameter (path level
 * or operation level), and no `in: path` parameter that the template does not have; no two path
 * templates that differ only in parameter names.
 */
export function checkOperations(ctx: LintContext, operations: readonly WalkedOperation[]): void {
  if (operations.length === 0) ctx.add('LINT_NO_OPERATIONS', '/paths', 'the spec documents no operations, so it has no error cases');
  const byId = new Map<string, WalkedOperation>();
  for (const op of operations) {
    const id = op.operation.operationId;
    if (id === undefined || id === '') {
      ctx.add('LINT_OPERATION_ID', op.pointer, `${op.method} ${op.pathTemplate} has no operationId (the catalog names cases after it)`);
      continue;
    }
    const first = byId.get(id);
    if (first !== undefined) {
      ctx.add('LINT_DUPLICATE_OPERATION_ID', `${op.pointer}/operationId`, `operationId ${JSON.stringify(id)} is also the operationId of ${first.method} ${first.pathTemplate}`);
    } else byId.set(id, op);
    checkPathParameters(ctx, op);
  }
  checkAmbiguousPaths(ctx);
}

function checkPathParameters(ctx: LintContext, op: WalkedOperation): void {
  const names = templateNames(op.pathTemplate);
  const seen = new Set<string>();
  for (const name of names) {
    if (name === '') ctx.add('LINT_PATH_TEMPLATE', pointerOf('paths', op.pathTemplate), `the path template has an empty {}`);
    else if (seen.has(name)) ctx.add('LINT_PATH_TEMPLATE', pointerOf('paths', op.pathTemplate), `the path template has {${name}} twice`);
    seen.add(name);
  }
  const item = ctx.spec.document.paths[op.pathTemplate] as OpenAPIV3.PathItemObject;
  const declared = [
    ...(item.parameters ?? []).map((p, i) => ({ param: p as OpenAPIV3.ParameterObject, pointer: `${pointerOf('paths', op.pathTemplate)}/parameters/${i}` })),
    ...(op.operation.parameters ?? []).map((p, i) => ({ param: p as OpenAPIV3.ParameterObject, pointer: `${op.pointer}/parameters/${i}` })),
  ].filter(({ param }) => param.in === 'path');
  for (const name of seen) {
    if (name !== '' && !declared.some(({ param }) => param.name === name)) {
      ctx.add('LINT_PATH_PARAM_UNDECLARED', op.pointer, `{${name}} of ${op.pathTemplate} is not declared as an in: path parameter of ${op.method}`);
    }
  }
  for (const { param, pointer } of declared) {
    if (!seen.has(param.name)) ctx.add('LINT_PATH_PARAM_UNUSED', pointer, `path parameter ${JSON.stringify(param.name)} is not in the path template ${op.pathTemplate}`);
  }
}

function checkAmbiguousPaths(ctx: LintContext): void {
  const shapes = new Map<string, string>();
  for (const template of Object.keys(ctx.spec.document.paths)) {
    const shape = fillPathTemplate(template, () => '{}');
    const first = shapes.get(shape);
    if (first !== undefined) ctx.add('LINT_PATH_AMBIGUOUS', pointerOf('paths', template), `${template} and ${first} match the same requests`);
    else shapes.set(shape, template);
  }
}
