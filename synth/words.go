package synth

// Generic word lists. Place names are made by joining a head and a tail;
// none of these is an organisation's name on its own.

var placeHeads = []string{"Ash", "Bram", "Cold", "Elm", "Fern", "Hazel", "Lark", "Marl", "Oak", "Pen",
	"Sand", "Thorn", "Wil", "Birch", "Bright", "Stone", "Mill", "Holly", "Alder", "Clay", "Fox", "Heron",
	"Kes", "Lin", "Maple", "Nor", "Quarry", "Rook", "Sil", "Tam", "Wren", "Yew", "Brack", "Cress", "Dun"}

var placeTails = []string{"brook", "field", "ley", "ton", "wick", "dale", "mere", "stead", "bury", "worth",
	"holme", "ridge", "cliffe", "well", "gate", "moor", "hurst", "combe", "thorpe", "den"}

var orgKinds = []string{"Community Trust", "Foodbank", "Carers Centre", "Youth Project", "Wellbeing Network",
	"Credit Union", "Housing Association", "Volunteer Centre", "Arts Collective", "Mutual Aid Group",
	"Advice Service", "Sports Club", "Community Interest Company", "Development Trust", "Community Association",
	"Food Partnership", "Befriending Service", "Men's Shed", "Pantry", "Community Hub", "Tenants' Association",
	"Recovery Café", "Community Transport", "Allotment Society", "Repair Café"}

var qualifiers = []string{"Community", "Family", "Youth", "Older People's", "Neighbourhood", "Women's",
	"Disability", "Refugee", "Green", "Digital", "Food", "Arts", "Faith", "Carers", "Veterans'"}

var healthKinds = []string{"Primary Care Network", "Hospice", "Mental Health Forum", "Health Partnership",
	"Pharmacy Group", "Wellbeing Service", "Patient Participation Group"}

var schoolKinds = []string{"Primary School", "Academy", "College", "Nursery", "Learning Trust"}

var trades = []string{"Builders", "Bakery", "Printers", "Logistics", "Catering", "Engineering", "Motors",
	"Digital", "Joinery", "Couriers"}

var fundKinds = []string{"Resilience Fund", "Development Fund", "Lottery Fund", "Giving Circle", "Endowment"}

var surnames = []string{"Ainsworth", "Barker", "Cartwright", "Dawson", "Ellison", "Fairbairn", "Gilmore",
	"Holloway", "Ingram", "Jarvis", "Kendrick", "Lambert", "Marsden", "Newbold", "Oakley", "Pickering",
	"Quinlan", "Radcliffe", "Sheldon", "Thackeray", "Underwood", "Varley", "Whitaker", "Yardley", "Ashdown",
	"Blackwood", "Corrigan", "Delaney", "Everett", "Fenwick"}

var firstNames = []string{"Alex", "Bridget", "Callum", "Deborah", "Eamon", "Fiona", "Gareth", "Helen", "Imran",
	"Joanne", "Kieran", "Louise", "Martin", "Nadia", "Owen", "Priya", "Rhys", "Sarah", "Tom", "Yasmin"}

var networks = []string{"Local Action Network", "Councils' Community Forum", "Neighbourhood Practice Exchange",
	"Place Partnership Review", "Civic Resilience Network"}

var reportTitles = []string{"Working Together Through the Pandemic", "Learning from Local Responses",
	"Partnerships for Recovery", "Community Resilience in Practice", "Case Studies in Collaboration"}

var chapters = []string{"Response", "Recovery", "Resilience"}

var introParas = []string{
	"Councils moved quickly when the pandemic began, and the case studies in this chapter show how they did so with the groups that already knew their neighbourhoods best.",
	"The studies that follow describe how councils and their partners adapted services, shared resources and kept in touch with residents who needed help.",
	"Recovery meant more than reopening buildings: councils used the relationships built in the first months to plan for the longer term.",
	"Each council here built on networks that existed before the crisis, and each found new partners along the way.",
}

var titleHeads = []string{"Community", "Neighbourhood", "Food", "Digital", "Warm", "Healthy", "Active", "Green",
	"Youth", "Connected", "Safe", "Together", "Kind", "Open", "Local"}

var titleTails = []string{"Support Hub", "Pantry Network", "Inclusion Project", "Spaces Scheme", "Lives Programme",
	"Recovery Plan", "Connections", "Futures", "Response Line", "Champions", "Doorstep Service", "Kitchens",
	"Access Programme", "Homes Initiative", "Skills Partnership"}

var subtitles = []string{
	"Bringing services and volunteers together so that no resident was left without help",
	"A single point of contact for residents who needed food, medicine or a friendly call",
	"Working with local groups to reach people the Council had not reached before",
	"Using the Council's buildings and staff to support community organisations",
	"Planning the recovery with the organisations that carried the response",
}

var contextParas = []string{
	"When the first lockdown began, many households in {place} lost income overnight and demand for help rose sharply.",
	"Before the pandemic, {place} already had a strong voluntary sector, but groups worked largely on their own.",
	"The pandemic showed how many residents of {place} depended on informal support that had suddenly stopped.",
	"Shielding residents in {place} needed regular deliveries and contact, and the Council could not provide both alone.",
}

var needs = []string{"were isolated at home", "had no access to the internet", "struggled to afford food",
	"were caring for relatives", "had lost work", "were shielding"}

var aims = []string{"coordinate food deliveries", "set up a telephone befriending service",
	"lend laptops to families", "open warm spaces in community buildings", "train new volunteers",
	"provide advice on benefits and debt", "deliver prescriptions", "run holiday activities for children"}

var activities = []string{"a weekly food club", "a digital skills course", "a befriending rota",
	"a holiday activity programme", "a community kitchen", "a volunteer driver scheme"}

var fillers = []string{
	"Regular online meetings kept everyone informed and helped partners share what they were seeing.",
	"Volunteers were recruited through social media and local radio, and trained in safeguarding.",
	"Referrals came from GPs, schools and the Council's contact centre.",
	"Partners agreed a shared referral form so that residents only had to tell their story once.",
	"The project used empty shop units and community halls that would otherwise have stood empty.",
	"Data was shared carefully under an agreement drawn up by the Council's information governance team.",
	"The Council provided vehicles, storage and staff redeployed from libraries and leisure centres.",
}

var reviews = []string{
	"Partners have agreed to keep meeting and to bid for further funding together.",
	"The model has since been adopted for the Council's cost-of-living support.",
	"An evaluation found that most residents felt less isolated after taking part.",
	"Several volunteers have since moved into paid work with partner organisations.",
}

var beneficiaries = []string{"Vulnerable residents", "Families with children", "Older people", "Young people",
	"Carers", "People on low incomes"}
