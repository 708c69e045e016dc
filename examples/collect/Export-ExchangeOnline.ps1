<#
.SYNOPSIS
    Exports the Exchange Online half of a hybridlint snapshot. Read-only.

.DESCRIPTION
    Connect first, in a PowerShell session of its own (not the Exchange
    Management Shell, whose cmdlets have the same names):
        Connect-ExchangeOnline -UserPrincipalName admin@contoso.onmicrosoft.com
    (add -ExchangeEnvironmentName O365USGovGCCHigh, O365USGovDoD or
    O365China for those clouds). Then run this script. Every cmdlet
    hybridlint reads on the cloud side is run once and written with
    Export-Clixml to <OutputDirectory>\cloud\Get-<Noun>.xml. The
    snapshot.yaml manifest in <OutputDirectory> gets the cloud instance and
    the tenant's routing domain.

    The script only reads: it runs Get-* cmdlets and writes files under
    OutputDirectory, nothing else. A cmdlet that fails is reported and the
    script goes on; the summary at the end lists every failed export, and so
    does the manifest's notes. hybridlint reports each missing export as
    "not evaluated", never as passed.

.PARAMETER OutputDirectory
    The snapshot directory: the same one Export-OnPremises.ps1 wrote to.

.PARAMETER Mailbox
    Mailboxes whose calendar permissions and calendar settings are exported
    (for example the people whose free/busy lookups fail). Default: the first
    CalendarSample user mailboxes.

.PARAMETER ResultSize
    How many mailboxes and mail users are exported ('Unlimited' for all).
    Default 1000.

.PARAMETER CalendarSample
    How many mailboxes get their calendar exported when -Mailbox is not
    given. Default 25.

.PARAMETER CloudInstance
    worldwide, gcchigh, dod or china. Default: read from the connection's
    endpoint; left out of the manifest when it cannot be told (hybridlint
    then infers it from the exported endpoints).

.EXAMPLE
    .\Export-ExchangeOnline.ps1 -OutputDirectory C:\hybridlint\2026-11-20
#>
[CmdletBinding()]
param(
    [string]$OutputDirectory = (Join-Path -Path (Get-Location).Path -ChildPath 'hybridlint-snapshot'),
    [string[]]$Mailbox,
    [string]$ResultSize = '1000',
    [int]$CalendarSample = 25,
    [ValidateSet('', 'worldwide', 'gcchigh', 'dod', 'china')]
    [string]$CloudInstance = ''
)

# Turn every error into one that try/catch sees, so that each export either
# succeeds whole or is reported as failed.
$ErrorActionPreference = 'Stop'
# Export-Clixml keeps whole lists; this keeps them whole in anything this
# session prints with Format-List as well ("{a, b, c...}" loses items).
$FormatEnumerationLimit = -1

if (-not (Get-Command -Name Get-ConnectionInformation -ErrorAction SilentlyContinue) -or
    -not (Get-Command -Name Get-OnPremisesOrganization -ErrorAction SilentlyContinue)) {
    Write-Warning 'Exchange Online PowerShell is not connected: run Connect-ExchangeOnline (ExchangeOnlineManagement module 3.0 or later) first.'
    return
}
$connection = $null
try { $connection = @(Get-ConnectionInformation | Where-Object { $_.State -eq 'Connected' })[0] } catch { $connection = $null }
if (-not $connection) {
    Write-Warning 'Exchange Online PowerShell is not connected: run Connect-ExchangeOnline first.'
    return
}

$side = 'cloud'
$folder = Join-Path -Path $OutputDirectory -ChildPath $side
[void][System.IO.Directory]::CreateDirectory($folder)
$script:Results = @()

# Runs one export: the objects $Command returns go to <folder>\<Name>.xml.
# Nothing is written when the command fails, so a failed export never reads
# as "the cmdlet returned no objects".
function Save-HybridlintExport {
    param(
        [Parameter(Mandatory = $true)][string]$Name,
        [Parameter(Mandatory = $true)][scriptblock]$Command
    )
    $path = Join-Path -Path $folder -ChildPath ($Name + '.xml')
    Write-Host ('  ' + $Name + ' ...')
    try {
        $objects = @(& $Command)
        $objects | Export-Clixml -Path $path -Encoding UTF8
        $script:Results += [pscustomobject]@{ Export = $Name; Objects = $objects.Count; Error = '' }
    } catch {
        $script:Results += [pscustomobject]@{ Export = $Name; Objects = 0; Error = $_.Exception.Message }
        Write-Warning ($Name + ' failed: ' + $_.Exception.Message)
    }
}

function ConvertTo-YamlScalar([string]$Text) { "'" + ($Text -replace "'", "''") + "'" }

# Writes <OutputDirectory>\snapshot.yaml, keeping what the other side's
# script wrote: $Owned keys are replaced, $IfAbsent keys only filled in,
# and this side's line in notes is replaced.
function Save-HybridlintManifest {
    param([hashtable]$Owned, [hashtable]$IfAbsent, [string]$Note)
    $path = Join-Path -Path $OutputDirectory -ChildPath 'snapshot.yaml'
    $keys = [ordered]@{}
    $notes = @()
    if (Test-Path -LiteralPath $path) {
        $inNotes = $false
        foreach ($line in [System.IO.File]::ReadAllLines($path)) {
            if ($line -match '^([A-Za-z_]+):\s*(.*)$') {
                $inNotes = ($Matches[1] -eq 'notes')
                if (-not $inNotes) { $keys[$Matches[1]] = $Matches[2] }
            } elseif ($inNotes -and $line -match '^\s+-\s+(.*)$') {
                if ($Matches[1] -notmatch ("^'?" + $side + ':')) { $notes += $Matches[1] }
            }
        }
    }
    foreach ($k in $Owned.Keys) {
        if ($Owned[$k]) { $keys[$k] = ConvertTo-YamlScalar $Owned[$k] }
    }
    foreach ($k in $IfAbsent.Keys) {
        if ($IfAbsent[$k] -and -not $keys.Contains($k)) { $keys[$k] = ConvertTo-YamlScalar $IfAbsent[$k] }
    }
    $notes += ConvertTo-YamlScalar ($side + ': ' + $Note)
    $text = "# hybridlint snapshot manifest, written by examples/collect`n"
    foreach ($k in $keys.Keys) { $text += ($k + ': ' + $keys[$k] + "`n") }
    $text += "notes:`n"
    foreach ($n in $notes) { $text += ('  - ' + $n + "`n") }
    # WriteAllText(path, text) writes UTF-8 without a byte order mark.
    [System.IO.File]::WriteAllText($path, $text)
}

$started = (Get-Date).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", [System.Globalization.CultureInfo]::InvariantCulture)
Write-Host ('Exporting the Exchange Online configuration to ' + $folder)

# --- Organization-wide settings ---------------------------------------------
Save-HybridlintExport -Name 'Get-OrganizationRelationship' -Command { Get-OrganizationRelationship }
Save-HybridlintExport -Name 'Get-IntraOrganizationConnector' -Command { Get-IntraOrganizationConnector }
Save-HybridlintExport -Name 'Get-IntraOrganizationConfiguration' -Command { Get-IntraOrganizationConfiguration }
Save-HybridlintExport -Name 'Get-OnPremisesOrganization' -Command { Get-OnPremisesOrganization }
Save-HybridlintExport -Name 'Get-FederationTrust' -Command { Get-FederationTrust }
Save-HybridlintExport -Name 'Get-FederatedOrganizationIdentifier' -Command { Get-FederatedOrganizationIdentifier }
Save-HybridlintExport -Name 'Get-AuthServer' -Command { Get-AuthServer }
Save-HybridlintExport -Name 'Get-PartnerApplication' -Command { Get-PartnerApplication }
Save-HybridlintExport -Name 'Get-SharingPolicy' -Command { Get-SharingPolicy }

# --- Recipients and calendars -----------------------------------------------
$mailboxes = @()
Save-HybridlintExport -Name 'Get-Mailbox' -Command {
    if ($Mailbox) { $Mailbox | ForEach-Object { Get-Mailbox -Identity $_ } } else { Get-Mailbox -ResultSize $ResultSize }
}
try {
    if ($Mailbox) {
        $mailboxes = @($Mailbox)
    } else {
        $mailboxes = @(Get-Mailbox -ResultSize $CalendarSample -RecipientTypeDetails UserMailbox |
            ForEach-Object { $_.PrimarySmtpAddress.ToString() })
    }
} catch {
    Write-Warning ('cannot list the mailboxes for the calendar exports: ' + $_.Exception.Message)
}
Save-HybridlintExport -Name 'Get-MailUser' -Command { Get-MailUser -ResultSize $ResultSize }
Save-HybridlintExport -Name 'Get-MailboxCalendarConfiguration' -Command {
    foreach ($m in $mailboxes) { Get-MailboxCalendarConfiguration -Identity $m }
}
# The calendar folder's name follows the mailbox language (Calendar,
# Kalender, Agenda...): ask the mailbox for its default calendar folder.
Save-HybridlintExport -Name 'Get-MailboxFolderPermission' -Command {
    foreach ($m in $mailboxes) {
        $calendar = @(Get-MailboxFolderStatistics -Identity $m -FolderScope Calendar |
            Where-Object { $_.FolderType -eq 'Calendar' }) | Select-Object -First 1
        if ($calendar) {
            Get-MailboxFolderPermission -Identity ($m + ':' + ($calendar.FolderPath -replace '/', '\'))
        }
    }
}

# --- Manifest and summary ---------------------------------------------------
if (-not $CloudInstance) {
    # The endpoint the session connected to names the cloud.
    $uri = [string]$connection.ConnectionUri
    if ($uri -match 'outlook\.office365\.com') { $CloudInstance = 'worldwide' }
    elseif ($uri -match 'outlook\.office365\.us') { $CloudInstance = 'gcchigh' }
    elseif ($uri -match 'webmail\.apps\.mil') { $CloudInstance = 'dod' }
    elseif ($uri -match 'partner\.outlook\.cn') { $CloudInstance = 'china' }
}
$routing = ''
$organization = ''
try {
    $routing = @(Get-AcceptedDomain | Where-Object { [string]$_.DomainName -match '\.mail\.onmicrosoft\.' } |
        ForEach-Object { [string]$_.DomainName })[0]
} catch { Write-Warning ('Get-AcceptedDomain failed: ' + $_.Exception.Message) }
try { $organization = (Get-OrganizationConfig).DisplayName } catch { Write-Warning ('Get-OrganizationConfig failed: ' + $_.Exception.Message) }
$failed = @($script:Results | Where-Object { $_.Error })
$who = [string]$connection.UserPrincipalName
$note = 'Export-ExchangeOnline.ps1 at ' + $started + ' by ' + $who + '; ' +
    @($script:Results | Where-Object { -not $_.Error }).Count + ' export(s) written, ' + $failed.Count + ' failed'
if ($failed.Count -gt 0) { $note += ': ' + (($failed | ForEach-Object { $_.Export }) -join ', ') }
try {
    Save-HybridlintManifest -Owned @{ cloud_instance = $CloudInstance; tenant = $routing } `
        -IfAbsent @{ organization = $organization; collected_at = $started; collected_by = $who } -Note $note
} catch {
    Write-Warning ('cannot write snapshot.yaml: ' + $_.Exception.Message)
}

Write-Host ''
Write-Host 'Exports:'
foreach ($r in $script:Results) {
    $status = if ($r.Error) { 'FAILED: ' + $r.Error } else { [string]$r.Objects + ' object(s)' }
    Write-Host ('  ' + $r.Export + ': ' + $status)
}
if ($failed.Count -gt 0) {
    Write-Warning ([string]$failed.Count + ' export(s) failed; hybridlint reports the rules that need them as not evaluated. See examples/collect/README.md for the permissions they need.')
} else {
    Write-Host 'Every export succeeded.'
}
Write-Host ('Next: hybridlint lint ' + $OutputDirectory)
