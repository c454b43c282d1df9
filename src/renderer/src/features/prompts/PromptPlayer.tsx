import { useEffect, useRef, useState } from 'react'
import type { PromptSummary } from '../../../../shared/contract/prompts'
import { formatBytes } from '../../../../shared/format'
import { api } from '../../api'
import { Button } from '../../ui/Button'
import { ErrorPanel } from '../../ui/ErrorPanel'

interface Playing {
  promptId: string
  name: string
  language: string
  url: string | null
  sizeBytes?: number
}

/** A prompt's audio, fetched by the core and played from a Blob URL that is revoked when it is replaced or closed. */
export function usePromptAudio() {
  const [playing, setPlaying] = useState<Playing | null>(null)
  const [error, setError] = useState<unknown>(null)
  const run = useRef(0)

  // Each Blob URL lives until the next one replaces it or the player goes.
  const url = playing?.url
  useEffect(() => {
    if (!url) return
    return () => URL.revokeObjectURL(url)
  }, [url])

  const play = async (prompt: PromptSummary, language: string) => {
    const mine = ++run.current
    setError(null)
    setPlaying({ promptId: prompt.id, name: prompt.name, language, url: null })
    try {
      const audio = await api.call('prompts.audio', { promptId: prompt.id, language })
      if (mine !== run.current) return
      const blob = new Blob([fromBase64(audio.base64)], { type: audio.mimeType })
      setPlaying({ promptId: prompt.id, name: prompt.name, language, url: URL.createObjectURL(blob), sizeBytes: audio.sizeBytes })
    } catch (e) {
      if (mine !== run.current) return
      setError(e)
      setPlaying(null)
    }
  }
  const close = () => {
    run.current++
    setPlaying(null)
  }
  return { playing, error, play, close }
}

function fromBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

export function PromptPlayer({ audio }: { audio: ReturnType<typeof usePromptAudio> }) {
  const element = useRef<HTMLAudioElement>(null)
  const { playing, error, close } = audio
  useEffect(() => {
    // The click that asked for it is the admin's gesture; a browser that still refuses leaves the controls to press.
    if (playing?.url) element.current?.play().catch(() => undefined)
  }, [playing?.url])

  if (error != null) return <ErrorPanel error={error} title="The prompt’s audio could not be fetched" />
  if (!playing) return null
  return (
    <div className="prompt-player" role="group" aria-label="Prompt player">
      <p className="prompt-player-title">
        {playing.url ? 'Playing' : 'Fetching'} <strong>{playing.name}</strong> <span className="mono">{playing.language}</span>
        {playing.sizeBytes !== undefined && <span className="muted"> · {formatBytes(playing.sizeBytes)}</span>}
      </p>
      {playing.url && (
        <audio ref={element} controls src={playing.url} data-testid="prompt-audio">
          <track kind="captions" />
        </audio>
      )}
      <Button small variant="ghost" onClick={close}>
        Close player
      </Button>
    </div>
  )
}
