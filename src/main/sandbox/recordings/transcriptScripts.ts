/**
 * What the sandbox's analysed calls say, per queue: the customer and the agent taking turns. Plain
 * contact-centre talk, so a transcript on screen or on disk reads like one.
 */
export type Speaker = 'external' | 'internal'

export type ScriptLine = [Speaker, string]

const BILLING: ScriptLine[] = [
  ['internal', 'thank you for calling billing my name is dana how can I help you today'],
  ['external', 'hi I got my bill this morning and it is about forty dollars higher than last month'],
  ['internal', 'I am sorry to hear that let me pull up your account can I have your account number please'],
  ['external', 'sure it is four four seven one nine two'],
  ['internal', 'thank you I can see a one time charge for a device upgrade fee on the twelfth'],
  ['external', 'I did not upgrade anything though'],
  ['internal', 'I understand I will remove that charge and you will see the credit on your next statement'],
  ['external', 'great thank you that is all I needed'],
  ['internal', 'you are welcome is there anything else I can help you with today'],
  ['external', 'no that is everything have a good day'],
]

const SUPPORT: ScriptLine[] = [
  ['internal', 'thanks for calling support this is dana what seems to be the problem'],
  ['external', 'my internet keeps dropping every few minutes since yesterday evening'],
  ['internal', 'I am sorry about that let me run a line test on your connection'],
  ['external', 'okay I will wait'],
  ['internal', 'I can see the modem restarting several times an hour could you check that the power cable is pushed in firmly'],
  ['external', 'oh it was a bit loose I pushed it back in now'],
  ['internal', 'the modem is back online and the line looks stable I will keep the ticket open for a day just in case'],
  ['external', 'perfect thanks for your help'],
]

const SALES: ScriptLine[] = [
  ['internal', 'good afternoon sales this is dana speaking'],
  ['external', 'hello I am interested in the family plan I saw on your website'],
  ['internal', 'happy to help the family plan includes four lines with unlimited calls and twenty gigabytes each'],
  ['external', 'how much would that be a month'],
  ['internal', 'it is sixty dollars a month for the first year and you can cancel at any time'],
  ['external', 'that sounds good can you send me the details by email'],
  ['internal', 'of course I have sent them to the address on file'],
]

const RETENTION: ScriptLine[] = [
  ['internal', 'hello you have reached customer care this is dana'],
  ['external', 'hi I would like to cancel my subscription please'],
  ['internal', 'I am sorry to hear you want to leave may I ask what the reason is'],
  ['external', 'it has just become too expensive for us'],
  ['internal', 'I understand I can offer you three months at half price if you stay with us'],
  ['external', 'hmm that would help let me think okay I will keep it then'],
  ['internal', 'wonderful I have applied the discount starting from your next bill'],
]

const BY_QUEUE: Record<string, ScriptLine[]> = { Billing: BILLING, Support: SUPPORT, Sales: SALES, Retention: RETENTION }

/** The script of a call in `queueName`; a queue the sandbox does not know gets the support call. */
export function scriptFor(queueName: string): ScriptLine[] {
  return BY_QUEUE[queueName] ?? SUPPORT
}
