import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      rollupOptions: {
        input: {
          // The Electron shell, and the plain-Node entry points that share the same core.
          index: resolve(__dirname, 'src/main/index.ts'),
          web: resolve(__dirname, 'src/main/web/cli.ts'),
          sandbox: resolve(__dirname, 'src/main/sandbox/cli.ts'),
          cli: resolve(__dirname, 'src/cli/nodeMain.ts'),
          // The command line in the app's Electron, windowless (bin/switchboard.mjs picks it when Electron is installed).
          cliHost: resolve(__dirname, 'src/main/cliHost.ts'),
          // Started with new Worker(); the core finds it beside itself (hashWorkerLocation.ts).
          hashWorker: resolve(__dirname, 'src/main/core/uploads/hashing/hashWorker.ts'),
          verifyWorker: resolve(__dirname, 'src/main/core/audit/verify/verifyWorker.ts'),
        },
        // Every file of the main build in out/main, so code that starts a worker finds it beside itself.
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        // CommonJS so the window can run with sandbox: true.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react()],
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
})
