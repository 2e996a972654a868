import { expect } from 'chai';
import { loadCatalog } from '../../src/catalog/index.js';
import { createRouter, type Router } from '../../src/coverage/routes.js';
import { bundledSpec } from '../helpers/paths.js';

const P = '/v1/projects/a1b2c3d4-0000-4000-8000-00000000c0de';

/** [method, path, expected path template (undefined: no match), expected operation (undefined: method not documented there)] */
const rows: [string, string, string | undefined, string | undefined][] = [
  ['GET', `${P}/activeNumbers/+12025550134`, '/v1/projects/{projectId}/activeNumbers/{phoneNumber}', 'NumberService_GetActiveNumber'],
  ['GET', `${P}/activeNumbers/%2B12025550134`, '/v1/projects/{projectId}/activeNumbers/{phoneNumber}', 'NumberService_GetActiveNumber'],
  ['patch', `${P}/activeNumbers/%2b12025550134`, '/v1/projects/{projectId}/activeNumbers/{phoneNumber}', 'NumberService_UpdateActiveNumber'],
  ['DELETE', `${P}/activeNumbers/+12025550134`, '/v1/projects/{projectId}/activeNumbers/{phoneNumber}', undefined],
  ['POST', `${P}/availableNumbers/+12025550156:rent`, '/v1/projects/{projectId}/availableNumbers/{phoneNumber}:rent', 'NumberService_RentNumber'],
  ['POST', `${P}/availableNumbers/%2B12025550156%3Arent`, '/v1/projects/{projectId}/availableNumbers/{phoneNumber}:rent', 'NumberService_RentNumber'],
  ['GET', `${P}/availableNumbers/+12025550156:rent`, '/v1/projects/{projectId}/availableNumbers/{phoneNumber}:rent', undefined],
  ['GET', `${P}/availableNumbers/+12025550156`, '/v1/projects/{projectId}/availableNumbers/{phoneNumber}', 'NumberService_GetAvailableNumber'],
  ['POST', `${P}/availableNumbers:rentAny`, '/v1/projects/{projectId}/availableNumbers:rentAny', 'NumberService_RentAnyNumber'],
  ['GET', `${P}/availableNumbers?regionCode=US`, '/v1/projects/{projectId}/availableNumbers', 'NumberService_ListAvailableNumbers'],
  ['POST', `${P}/activeNumbers/+12025550134/emergencyAddress:validate`, '/v1/projects/{projectId}/activeNumbers/{phoneNumber}/emergencyAddress:validate', 'NumberService_ValidateEmergencyAddress'],
  ['GET', `${P}/activeNumbers/2025550134`, '/v1/projects/{projectId}/activeNumbers/{phoneNumber}', 'NumberService_GetActiveNumber'],
  ['GET', `${P}/callbackConfiguration`, '/v1/projects/{projectId}/callbackConfiguration', 'GetCallbackConfiguration'],
  ['GET', `${P}/activeNumbers/`, undefined, undefined],
  ['GET', `${P}/hostedNumbers`, undefined, undefined],
  ['GET', '/v2/projects/x/activeNumbers', undefined, undefined],
  ['GET', `${P}/activeNumbers/%E0%A4%A`, '/v1/projects/{projectId}/activeNumbers/{phoneNumber}', 'NumberService_GetActiveNumber'],
];

describe('coverage: request path → operation', () => {
  let router: Router;
  before(async () => {
    router = createRouter(await loadCatalog(bundledSpec));
  });

  for (const [method, path, template, operation] of rows) {
    it(`${method} ${path.replace(P, '…')} → ${operation ?? template ?? 'no operation'}`, () => {
      const route = router.route(method, path);
      expect(route?.pathTemplate).to.equal(template);
      expect(route?.operation?.operationId).to.equal(operation);
    });
  }
});
