<#
.SYNOPSIS
    Exports the on-premises half of a hybridlint snapshot. Read-only.

.DESCRIPTION
    Run in the Exchange Management Shell of Exchange Server 2013 or later
    (Exchange Server SE, 2019, 2016, 2013). Every cmdlet hybridlint reads on
    the on-premises side is run once, or once per Exchange server where the
    setting lives on the server (the EWS and Autodiscover virtual
    directories, the certificates), and written with Export-Clixml to
    <OutputDirectory>\onprem\Get-<Noun>.xml. The snapshot.yaml manifest in
    <OutputDirectory> gets the organization, the time and the account.

    The script only reads: it runs Get-* cmdlets and writes files under
    OutputDirectory, nothing else. A cmdlet that fails (missing permission,
    unreachable server, cmdlet absent from this Exchange build) is reported
    and the script goes on; the summary at the end lists every failed
    export, and so does the manifest's notes. hybridlint reports each
    missing export as "not evaluated", never as passed.

    Run Export-ExchangeOnline.ps1 in an Exchange Online PowerShell session
    with the same OutputDirectory for the cloud half, then:
        hybridlint lint <OutputDirectory>

.PARAMETER OutputDirectory
    The snapshot directory. Use a new one for every snapshot, so that
    `hybridlint diff OLD NEW` can compare two of them.

.PARAMETER Server
    The Exchange servers whose virtual directories and certificates are
    exported. Default: every Exchange server except Edge Transport servers.

.PARAMETER Mailbox
    Mailboxes whose calendar permissions and calendar settings are exported
    (for example the people whose free/busy lookups fail). Default: the first
    CalendarSample user mailboxes.

.PARAMETER ResultSize
    How many mailboxes, remote mailboxes and mail users are exported
    ('Unlimited' for all). Default 1000.

.PARAMETER CalendarSample
    How many mailboxes get their calendar exported when -Mailbox is not
    given. Default 25.

.EXAMPLE
    .\Export-OnPremises.ps1 -OutputDirectory C:\hybridlint\2026-11-20

.EXAMPLE
    .\Export-OnPremises.ps1 -OutputDirectory C:\hybridlint\2026-11-20 -Mailbox mark.visser@contoso.com, anna.jansen@contoso.com
#>
[CmdletBinding()]
param(
    [string]$OutputDirectory = (Join-Path -Path (Get-Location).Path -ChildPath 'hybridlint-snapshot'),
    [string[]]$Server,
    [string[]]$Mailbox,
    [string]$ResultSize = '1000',
    [int]$CalendarSample = 25
)

# Turn every error into one that try/catch sees, so that each export either
# succeeds whole or is reported as failed.
$ErrorActionPreference = 'Stop'
# Export-Clixml keeps whole lists; this keeps them whole in anything this
# session prints with Format-List as well ("{a, b, c...}" loses items).
$FormatEnumerationLimit = -1

if (-not (Get-Command -Name Get-ExchangeServer -ErrorAction SilentlyContinue)) {
    Write-Warning 'Get-ExchangeServer is not available: run this script in the Exchange Management Shell (not in an Exchange Online session).'
    return
}

$side = 'onprem'
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

# Runs $Command once per server and exports everything together. A server
# that fails is reported on its own; the other servers are still exported.
function Save-HybridlintPerServerExport {
    param(
        [Parameter(Mandatory = $true)][string]$Name,
        [Parameter(Mandatory = $true)][AllowEmptyCollection()][string[]]$Servers,
        [Parameter(Mandatory = $true)][scriptblock]$Command
    )
    if (-not $Servers -or $Servers.Count -eq 0) {
        $script:Results += [pscustomobject]@{ Export = $Name; Objects = 0; Error = 'no Exchange server to ask (give -Server)' }
        Write-Warning ($Name + ' skipped: no Exchange server to ask (give -Server)')
        return
    }
    $all = @()
    $serverFailures = 0
    foreach ($s in $Servers) {
        Write-Host ('  ' + $Name + ' -Server ' + $s + ' ...')
        try {
            $all += @(& $Command $s)
        } catch {
            $serverFailures++
            $script:Results += [pscustomobject]@{ Export = ($Name + ' -Server ' + $s); Objects = 0; Error = $_.Exception.Message }
            Write-Warning ($Name + ' -Server ' + $s + ' failed: ' + $_.Exception.Message)
        }
    }
    # Every server failed: write nothing, so that hybridlint reports the
    # export as missing rather than as empty.
    if ($serverFailures -eq $Servers.Count) { return }
    $path = Join-Path -Path $folder -ChildPath ($Name + '.xml')
    try {
        $all | Export-Clixml -Path $path -Encoding UTF8
        $script:Results += [pscustomobject]@{ Export = $Name; Objects = $all.Count; Error = '' }
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
Write-Host ('Exporting the on-premises configuration to ' + $folder)

# --- Organization-wide settings ---------------------------------------------
Save-HybridlintExport -Name 'Get-OrganizationRelationship' -Command { Get-OrganizationRelationship }
Save-HybridlintExport -Name 'Get-IntraOrganizationConnector' -Command { Get-IntraOrganizationConnector }
Save-HybridlintExport -Name 'Get-IntraOrganizationConfiguration' -Command { Get-IntraOrganizationConfiguration }
Save-HybridlintExport -Name 'Get-FederationTrust' -Command { Get-FederationTrust }
Save-HybridlintExport -Name 'Get-FederatedOrganizationIdentifier' -Command { Get-FederatedOrganizationIdentifier }
Save-HybridlintExport -Name 'Get-AuthServer' -Command { Get-AuthServer }
Save-HybridlintExport -Name 'Get-PartnerApplication' -Command { Get-PartnerApplication }
Save-HybridlintExport -Name 'Get-AuthConfig' -Command { Get-AuthConfig }
Save-HybridlintExport -Name 'Get-AvailabilityAddressSpace' -Command { Get-AvailabilityAddressSpace }
Save-HybridlintExport -Name 'Get-HybridConfiguration' -Command { Get-HybridConfiguration }
Save-HybridlintExport -Name 'Get-SettingOverride' -Command { Get-SettingOverride }
Save-HybridlintExport -Name 'Get-SharingPolicy' -Command { Get-SharingPolicy }
Save-HybridlintExport -Name 'Get-ExchangeServer' -Command { Get-ExchangeServer }

# --- Per server -------------------------------------------------------------
if (-not $Server) {
    try {
        $Server = @(Get-ExchangeServer | Where-Object { $_.ServerRole -notmatch 'Edge' } | ForEach-Object { $_.Name })
    } catch {
        $Server = @()
        Write-Warning ('cannot list the Exchange servers: ' + $_.Exception.Message)
    }
}
Save-HybridlintPerServerExport -Name 'Get-WebServicesVirtualDirectory' -Servers $Server -Command {
    param($s) Get-WebServicesVirtualDirectory -Server $s
}
Save-HybridlintPerServerExport -Name 'Get-AutodiscoverVirtualDirectory' -Servers $Server -Command {
    param($s) Get-AutodiscoverVirtualDirectory -Server $s
}
# A plain Export-Clixml of a certificate keeps only RawData: Services,
# Status, CertificateDomains and HasPrivateKey are lost. This projection
# keeps them; Identity (SERVER\THUMBPRINT) tells the servers' copies apart.
$certificateProperties = @('Identity', 'Thumbprint', 'Subject', 'Issuer', 'NotBefore', 'NotAfter', 'Services', 'Status',
    'CertificateDomains', 'HasPrivateKey', 'FriendlyName', 'SerialNumber', 'IsSelfSigned', 'RootCAType', 'PublicKeySize',
    'RawData')
Save-HybridlintPerServerExport -Name 'Get-ExchangeCertificate' -Servers $Server -Command {
    param($s) Get-ExchangeCertificate -Server $s | Select-Object -Property $certificateProperties
}

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
Save-HybridlintExport -Name 'Get-RemoteMailbox' -Command { Get-RemoteMailbox -ResultSize $ResultSize }
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
$organization = ''
try { $organization = (Get-OrganizationConfig).Name } catch { Write-Warning ('Get-OrganizationConfig failed: ' + $_.Exception.Message) }
$failed = @($script:Results | Where-Object { $_.Error })
$who = $env:USERDOMAIN + '\' + $env:USERNAME
$note = 'Export-OnPremises.ps1 on ' + $env:COMPUTERNAME + ' at ' + $started + ' by ' + $who + '; ' +
    @($script:Results | Where-Object { -not $_.Error }).Count + ' export(s) written, ' + $failed.Count + ' failed'
if ($failed.Count -gt 0) { $note += ': ' + (($failed | ForEach-Object { $_.Export }) -join ', ') }
try {
    Save-HybridlintManifest -Owned @{ organization = $organization; collected_at = $started; collected_by = $who } `
        -IfAbsent @{} -Note $note
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
Write-Host ('Next: run Export-ExchangeOnline.ps1 -OutputDirectory ' + $OutputDirectory + ' in Exchange Online PowerShell, then hybridlint lint ' + $OutputDirectory)
