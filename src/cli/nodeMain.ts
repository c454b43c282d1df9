/** `switchboard` in plain Node (out/main/cli.js): no keychain, secrets it stores are plain (and said so). */
import { createPlainSecretBox } from '../main/core/secrets/plainSecretBox'
import { main } from './main'

void main(process.argv, { name: 'node', secretBox: createPlainSecretBox() })
