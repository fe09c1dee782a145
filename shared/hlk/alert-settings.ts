import { z } from 'zod';
import { passEventKinds, type PassEventKind } from './pass-events';

/** Where the pass's events are announced, and which kinds. */
export const webhookUrl = z
  .string()
  .max(2048)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === '';
    } catch {
      return false;
    }
  }, 'an http:// or https:// address without a user name or password in it');

export const alertSettingsSchema = z
  .object({
    /** Alerts per kind of event, on or off. */
    kinds: z.object(Object.fromEntries(passEventKinds.map((k) => [k, z.boolean()])) as Record<PassEventKind, z.ZodBoolean>).strict(),
    /** Desktop notifications (the system's in the app, the browser's in web mode). */
    desktop: z.boolean(),
    /** A JSON POST of each alert to this address (chat, a phone); null: none. */
    webhook: webhookUrl.nullable(),
  })
  .strict();

export type AlertSettings = z.infer<typeof alertSettingsSchema>;

export const defaultAlertSettings: AlertSettings = {
  kinds: { infrastructure: true, 'test-failure': true, 'probable-hang': true, progress: false },
  desktop: true,
  webhook: null,
};
