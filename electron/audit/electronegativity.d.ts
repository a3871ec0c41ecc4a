// Node (dev tool). The part of Electronegativity's programmatic API that the audit uses.
declare module '@doyensec/electronegativity' {
  export interface Options {
    input: string;
    customScan: string[];
    excludeFromScan: string[];
    parserPlugins: string[];
    electronVersionOverride?: string;
  }
  export interface Issue {
    id: string;
    file: string;
    location: { line: number; column: number };
    description: string;
    manualReview: boolean;
    /** For CSP findings: the policy that was evaluated. */
    sample?: string;
  }
  export interface Result {
    globalChecks: number;
    atomicChecks: number;
    errors: Array<{ file: string; message: string; tolerable: boolean }>;
    issues: Issue[];
  }
  // CommonJS `module.exports = run`; the default import reaches it through esModuleInterop.
  export default function run(options: Options, forCli: false): Promise<Result>;
}

declare module '@doyensec/csp-evaluator' {
  export const severities: Record<'HIGH' | 'SYNTAX' | 'MEDIUM' | 'HIGH_MAYBE' | 'STRICT_CSP' | 'MEDIUM_MAYBE' | 'INFO' | 'NONE', number>;
  export const Version: { CSP3: number };
  export class CspParser {
    constructor(policy: string);
    csp: unknown;
  }
  export class CspEvaluator {
    constructor(csp: unknown, version: number);
    evaluate(): Array<{ severity: number; directive: string; value?: string }>;
  }
}
