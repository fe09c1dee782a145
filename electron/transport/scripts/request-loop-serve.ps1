# hlk-assist request loop, protocol 1: serve requests from stdin until it closes (runs after request-loop-functions.ps1).
# Each frame leaves in one write: a line written in pieces goes out over SSH in pieces, and OpenSSH's sshd
# (no TCP_NODELAY on exec channels) would hold the last piece back until the previous one is acknowledged.
$HlkaStdout = [Console]::OpenStandardOutput()
$HlkaAscii = New-Object System.Text.ASCIIEncoding

function Write-HlkaFrame($Answer) {
    $bytes = $HlkaAscii.GetBytes((Format-HlkaFrame $Answer) + "`n")
    $HlkaStdout.Write($bytes, 0, $bytes.Length)
    $HlkaStdout.Flush()
}

Write-HlkaFrame @{ id = 'ready'; ok = $true; result = @{ protocol = 1; powershell = $PSVersionTable.PSVersion.ToString(); pid = $PID } }
while ($true) {
    $line = [Console]::In.ReadLine()
    if ($null -eq $line) { break }
    if ($line.Length -eq 0) { continue }
    Write-HlkaFrame (Invoke-HlkaRequest $line)
}
