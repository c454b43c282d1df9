import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { QueryClientProvider } from '@tanstack/react-query'
import { App } from './App'
import { connectBridge } from './api'
import { startHashRouting } from './navigation'
import { queryClient } from './queryClient'
import { applyStoredTheme } from './ui/theme'
import './ui/theme.css'

applyStoredTheme()
// The token (web shell) must be taken from the address before the router reads the hash.
connectBridge()
startHashRouting()

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
)
