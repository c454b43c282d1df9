import type { ComponentPropsWithRef } from 'react'

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost'

interface ButtonProps extends ComponentPropsWithRef<'button'> {
  variant?: ButtonVariant
  small?: boolean
  busy?: boolean
}

export function Button({ variant = 'secondary', small, busy, className, type = 'button', disabled, ...rest }: ButtonProps) {
  const classes = ['btn', `btn-${variant}`, small ? 'btn-small' : '', className ?? ''].filter(Boolean).join(' ')
  return <button type={type} className={classes} disabled={disabled || busy} aria-busy={busy || undefined} {...rest} />
}
