// pino-roll ships no types; the part of its options this service uses (see its pino-roll.js JSDoc).
declare module 'pino-roll' {
  import type SonicBoom from 'sonic-boom';
  import type { SonicBoomOpts } from 'sonic-boom';
  interface PinoRollOptions extends Partial<SonicBoomOpts> {
    file: string | (() => string);
    size?: string | number;
    frequency?: 'daily' | 'hourly' | number;
    extension?: string;
    symlink?: boolean;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
    dateFormat?: string;
  }
  export default function pinoRoll(options: PinoRollOptions): Promise<SonicBoom>;
}
