/**
 * English, second batch: the language the leave-one-set-out estimate (bench/router-loso.ts) scores
 * lowest, and mostly because `retention_churn` draws English messages that only share a word with a
 * cancellation ("switch", "current provider", "cancel", "contract", "stop", "leave a review"). Short chat
 * lines and longer e-mails, US/UK spellings, no punctuation, typos. Written on 2026-12-04 from the
 * agents' descriptions and the labelling rules of test/fixtures/routing/README.md; never from a trust
 * set's message.
 */
export const BROAD_ENGLISH_2: Readonly<Record<string, readonly string[]>> = {
  sdr: [
    'hi we are thinking of switching crms and a friend mentioned you guys',
    'hello, we outgrew our spreadsheets, is this something you can help with?',
    'hey, I run a dental practice with two chairs, could your system work for us?',
    'hi, we currently use a competitor but are exploring options, can we chat?',
    'good afternoon, I would like more information about your platform for our freight company',
    'hey there, first time here, what does your company do exactly?',
    'hi, saw your booth at the expo, would love a quick call',
    'hello, is anyone available to tell me about the product? we are a catering business',
  ],
  sales_prospecting: [
    'our current provider is too limited, what would your plan cost for 8 agents?',
    'we want to switch from pipedrive, what are your plans and prices?',
    'how much would it cost to move our 3 stores onto your platform?',
    'what is included in the plan and how much is it per month',
    'do you offer a discount for nonprofits? what are the normal prices',
    'pricing page is confusing, which plan do I need for 2 locations?',
    'is onboarding included in the price or extra?',
    'whats the monthly cost for a 4 person team',
  ],
  sales_negotiation: [
    'we like it but the price is above what we budgeted, any room to negotiate before we sign?',
    'if we commit to 24 months, what discount can you offer?',
    'can we split the annual fee into monthly installments?',
    'our procurement needs 45-day payment terms, is that ok?',
    'your competitor offered us a lower price, can you beat it and we sign today',
    'we are ready to buy, just need a better price on the extra seats',
  ],
  sales_closing: [
    'great, we are going ahead. send the contract to our cfo for signature',
    'all approved on our side, what is the next step to get the agreement signed?',
    'please prepare the contract for 15 seats, annual billing',
    'the contract looks fine, I will sign it today',
    'could you resend the signing link? it expired',
    'we are ready to close the deal, send the paperwork',
  ],
  operations_schedule: [
    'something came up, please cancel our meeting on friday and suggest another day',
    'can you cancel the site visit and book it for next week instead',
    'I have to cancel the demo this afternoon, sorry, can we do tomorrow?',
    'push our call to 4pm please',
    'can I book a meeting with my account manager next tuesday?',
  ],
  operations_followup: [
    'I was told someone would call me back about my refund, that was three days ago',
    'following up on my email from last week, no reply yet',
    'you said the fix would be done by friday, any update?',
    'chasing the quote your colleague promised me',
  ],
  marketing_content: [
    'could you share the white paper on customer retention you mentioned?',
    'do you have any articles about how to stop customers from leaving?',
    'I would like the case study about the restaurant chain',
    'where can I download the guide you advertised?',
    'send me the slides from the presentation please',
  ],
  marketing_campaign: [
    'I got a text about a 30% off offer, how do I claim it?',
    'what are the terms of the referral promotion?',
    'your email said free upgrade for a month, does it apply to me?',
    'the discount code expired before I could use it, can you extend it?',
    'please send offers by email only, not sms',
  ],
  marketing_event: [
    'is the webinar on thursday recorded? I cannot attend live',
    'what time does the workshop start and is it online?',
    'can I bring a colleague to the event next month?',
  ],
  retention_upsell: [
    'we are hiring 10 new sales reps, how do we add them to our plan?',
    'what would it cost to add the whatsapp module to our current subscription?',
    'we need more storage, which upgrade should we get?',
  ],
  support_onboarding: [
    'we just bought the plan, can someone help us set it up?',
    'where do I connect my email account after signing up?',
    'new customer here, how do I configure the sales pipeline stages?',
  ],
  operations_qa: [
    'I want to complain about how your support agent spoke to me',
    'the assistant on chat was useless and condescending',
    'please review my conversation with your rep, it was unprofessional',
  ],
  bi_manager: [
    'how many leads did we get from the campaign last week?',
    'what was our conversion rate in november?',
    'show me how many customers cancelled this quarter',
    'and last week?',
    'what about yesterday, how many?',
    'and the month before?',
    'e na semana passada?',
    'e ontem, quantos foram?',
    'e no mês passado, quanto deu?',
    'y la semana pasada?',
    'y ayer cuántos fueron?',
  ],
};
