/** The project's callback configuration (the HMAC secret that signs callback bodies). */
import { ok, type Handler, type HandlerContext } from './handler.js';
import { notFound } from './replies.js';
import type { Reply } from './types.js';

function missing(ctx: HandlerContext): Reply {
  return notFound('CallbackConfiguration', '', `Could not find project with ID: ${ctx.project.id}`);
}

export const getCallbackConfiguration: Handler = (ctx) => {
  const config = ctx.project.callback;
  return config === undefined ? missing(ctx) : ok({ projectId: ctx.project.id, hmacSecret: config.hmacSecret });
};

export const updateCallbackConfiguration: Handler = (ctx) => {
  const config = ctx.project.callback;
  if (config === undefined) return missing(ctx);
  if (typeof ctx.request.body.hmacSecret === 'string') config.hmacSecret = ctx.request.body.hmacSecret;
  return ok({ projectId: ctx.project.id, hmacSecret: config.hmacSecret });
};
