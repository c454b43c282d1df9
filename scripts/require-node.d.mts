export declare const requiredNodeMajor: number
export declare function nodeVersionProblem(version?: string): string | undefined
export declare function requireNode(label: string): void
