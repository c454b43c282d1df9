export type CliHostChoice =
  { host: 'node'; entry: string; reason: string } | { host: 'electron'; command: string; args: string[]; env: NodeJS.ProcessEnv }

export declare function findElectronBinary(options: {
  resolvePackage(specifier: string): string
  readText(path: string): string
  env: NodeJS.ProcessEnv
}): string | undefined

export declare function chooseCliHost(options: {
  args: string[]
  env: NodeJS.ProcessEnv
  platform: NodeJS.Platform
  outDir: string
  electronBinary: string | undefined
  exists(path: string): boolean
}): CliHostChoice
