import type { z } from 'zod';

/**
 * A channel of the IPC contract: what the renderer may send and what it gets back.
 * `access` says who may call it at all; finer role rules live in the services.
 */
export interface ChannelDef<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  request: Req;
  response: Res;
  /** public: callable before login (setup, login, status). */
  access: 'public' | 'user';
}

export const channel = <Req extends z.ZodType, Res extends z.ZodType>(
  def: ChannelDef<Req, Res>,
): ChannelDef<Req, Res> => def;
