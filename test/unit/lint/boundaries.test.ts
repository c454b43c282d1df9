import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: process.cwd() })

async function importErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath })
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

describe('import boundaries (shared/design.md)', () => {
  it.each([
    ['src/main/core/uploads/x.ts', "import { app } from 'electron'"],
    ['src/main/core/x.ts', "import { startSandbox } from '../sandbox'"],
    ['src/main/core/audit/x.ts', "import { startWebShell } from '../../web/server'"],
    ['src/main/sandbox/x.ts', "import { AppError } from '../../shared/errors'"],
    ['src/main/sandbox/routes/x.ts', "import { createCore } from '../../core'"],
    ['src/renderer/src/x.ts', "import { readFile } from 'node:fs'"],
    ['src/renderer/src/features/x.ts', "import { createCore } from '../../../main/core'"],
    ['src/preload/x.ts', "import { readFile } from 'fs'"],
    ['src/shared/x.ts', "import { ipcRenderer } from 'electron'"],
    // Packages are classified per runtime: the renderer gets browser libraries only.
    ['src/renderer/src/x.ts', "import Fastify from 'fastify'"],
    ['src/renderer/src/features/x.tsx', "import axios from 'axios'"],
    ['src/renderer/src/x.ts', "import { WebSocket } from 'ws'"],
    ['src/renderer/src/x.ts', "import { ZipFile } from 'yazl'"],
    ['src/renderer/src/x.ts', "import { process } from 'process'"],
    ['src/preload/x.ts', "import { z } from 'zod'"],
    ['src/preload/x.ts', "import axios from 'axios'"],
    ['src/shared/x.ts', "import axios from 'axios'"],
    ['src/shared/contract/x.ts', "import { useState } from 'react'"],
    ['src/main/core/x.ts', "import { useState } from 'react'"],
    ['src/main/core/uploads/x.ts', "import { useQuery } from '@tanstack/react-query'"],
  ])('%s may not: %s', async (file, source) => {
    expect(await importErrors(file, `${source}\nexport const used = 1\n`)).not.toEqual([])
  })

  it.each([
    ['src/main/core/x.ts', "import { AppError } from '../../shared/errors'"],
    ['src/main/core/x.ts', "import { readFile } from 'node:fs'"],
    ['src/renderer/src/x.ts', "import { methods } from '../../shared/api'"],
    ['src/preload/x.ts', "import { contextBridge } from 'electron'"],
    ['src/main/index.ts', "import { app } from 'electron'"],
    ['src/renderer/src/x.ts', "import { useQuery } from '@tanstack/react-query'"],
    ['src/renderer/src/x.ts', "import { createRoot } from 'react-dom/client'"],
    ['src/renderer/src/x.ts', "import 'uplot/dist/uPlot.min.css'"],
    ['src/renderer/src/x.ts', "import { create } from 'zustand'"],
    ['src/renderer/src/x.ts', "import { z } from 'zod'"],
    ['src/shared/x.ts', "import { z } from 'zod'"],
    ['src/main/core/x.ts', "import Fastify from 'fastify'"],
  ])('%s may: %s', async (file, source) => {
    expect(await importErrors(file, `${source}\nexport const used = 1\n`)).toEqual([])
  })
})

describe('depth-aware core rules', () => {
  it('lets a core subfolder import the core index, but not the Electron shell', async () => {
    expect(await importErrors('src/main/core/audit/x.ts', "import { createCore } from '../index'\nexport const used = 1\n")).toEqual([])
    expect(
      await importErrors('src/main/core/audit/x.ts', "import { bindCoreToIpc } from '../../ipc'\nexport const used = 1\n"),
    ).not.toEqual([])
    expect(await importErrors('src/main/core/x.ts', "import { createMainWindow } from '../window'\nexport const used = 1\n")).not.toEqual(
      [],
    )
  })
})
