import { describe, expect, it } from 'vitest'
import { AppError } from '../../../src/shared/errors'
import { isInvokeResponse, unwrapInvokeResponse } from '../../../src/renderer/src/transport/responses'

describe('unwrapInvokeResponse', () => {
  it('returns the value of an ok answer', () => {
    expect(unwrapInvokeResponse({ ok: true, value: { n: 1 } })).toEqual({ n: 1 })
  })

  it('throws the error as an AppError keeping status, codes and ids', () => {
    const error = {
      name: 'AppError',
      code: 'unauthorized',
      message: 'Login refused',
      hint: 'Check the secret',
      status: 401,
      genesysCode: 'invalid_client',
      correlationId: 'c-1',
      contextId: 'x-1',
    }
    let thrown: unknown
    try {
      unwrapInvokeResponse({ ok: false, error })
    } catch (e) {
      thrown = e
    }
    expect(thrown).toBeInstanceOf(AppError)
    expect((thrown as AppError).toData()).toEqual(error)
  })

  it('turns a malformed error or answer into an internal AppError, not a crash', () => {
    expect(() => unwrapInvokeResponse({ ok: false, error: { message: 'odd' } })).toThrow('odd')
    expect(() => unwrapInvokeResponse('nonsense')).toThrow(AppError)
    expect(() => unwrapInvokeResponse({ ok: true })).toThrow('unexpected shape')
  })

  it('recognises only the two envelope shapes', () => {
    expect(isInvokeResponse({ ok: true, value: null })).toBe(true)
    expect(isInvokeResponse({ ok: false, error: {} })).toBe(true)
    expect(isInvokeResponse({ ok: false })).toBe(false)
    expect(isInvokeResponse(null)).toBe(false)
  })
})
