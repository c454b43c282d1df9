import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: process.cwd() })

async function ruleErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath })
  return result.messages.filter((m) => m.severity === 2).map((m) => m.ruleId ?? 'parse')
}

describe('React hook rules in the renderer', () => {
  it('refuses a hook called conditionally', async () => {
    const source = `import { useState } from 'react'
export function Panel({ open }: { open: boolean }) {
  if (open) {
    const [n] = useState(0)
    return <p>{n}</p>
  }
  return null
}
`
    expect(await ruleErrors('src/renderer/src/features/x/Panel.tsx', source)).toContain('react-hooks/rules-of-hooks')
  })

  it('refuses an effect that leaves out what it reads', async () => {
    const source = `import { useEffect } from 'react'
export function Title({ name }: { name: string }) {
  useEffect(() => {
    document.title = name
  }, [])
  return null
}
`
    expect(await ruleErrors('src/renderer/src/features/x/Title.tsx', source)).toContain('react-hooks/exhaustive-deps')
  })

  it('passes a component that follows both rules', async () => {
    const source = `import { useEffect } from 'react'
export function Title({ name }: { name: string }) {
  useEffect(() => {
    document.title = name
  }, [name])
  return null
}
`
    expect(await ruleErrors('src/renderer/src/features/x/Title.tsx', source)).toEqual([])
  })
})

describe('accessibility rules in the renderer', () => {
  it('refuses an image without alternative text', async () => {
    const source = `export function Logo() {
  return <img src="logo.png" />
}
`
    expect(await ruleErrors('src/renderer/src/ui/Logo.tsx', source)).toContain('jsx-a11y/alt-text')
  })

  it('refuses a clickable element the keyboard cannot reach', async () => {
    const source = `export function Row({ onOpen }: { onOpen: () => void }) {
  return <div onClick={onOpen}>open</div>
}
`
    const errors = await ruleErrors('src/renderer/src/ui/Row.tsx', source)
    expect(errors).toContain('jsx-a11y/click-events-have-key-events')
    expect(errors).toContain('jsx-a11y/no-static-element-interactions')
  })

  it('passes a real button', async () => {
    const source = `export function Row({ onOpen }: { onOpen: () => void }) {
  return <button type="button" onClick={onOpen}>open</button>
}
`
    expect(await ruleErrors('src/renderer/src/ui/Row.tsx', source)).toEqual([])
  })
})
